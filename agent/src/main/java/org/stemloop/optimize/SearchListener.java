package org.stemloop.optimize;

/** Told after each generation of a LoG* search; runs on the searching thread, keep it quick. */
@FunctionalInterface
public interface SearchListener {

    /** A listener that ignores everything. */
    SearchListener NONE = p -> {
    };

    void onGeneration(SearchProgress progress);
}
