package org.stemloop.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A recorded session as a sequence of frames: the frames of a stack file (DM, SER, MRC, multi-page
 * TIFF), or every image file of a folder in name order (each stack's frames in turn). Frames are read
 * one at a time, so a long series costs one file's bytes at a time. Not thread-safe: one reader at a time.
 */
public final class ImageSeries {

    /** One frame of the series: {@code frame} of {@code file}, which holds {@code frames} frames. */
    public record Item(Path file, int frame, int frames) {

        /** A short name for outputs: the file's stem, with {@code _f0003} for frames of a stack. */
        public String label() {
            String name = String.valueOf(file.getFileName());
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            return frames > 1 ? String.format(Locale.ROOT, "%s_f%04d", stem, frame) : stem;
        }
    }

    private final Path source;
    private final List<Item> items;
    /** The file last opened, kept so the frames of one stack share one read. Not thread-safe. */
    private Path openPath;
    private ImageFile openFile;

    private ImageSeries(Path source, List<Item> items) {
        this.source = source;
        this.items = List.copyOf(items);
    }

    /**
     * The series in {@code path}: a folder's image files (by extension, sorted by name; files that fail
     * to open are refused with their message), or a file's frames.
     *
     * @throws ImageFormatException when a file cannot be read, or the folder has no image files
     */
    public static ImageSeries open(Path path) throws ImageFormatException {
        List<Item> items = new ArrayList<>();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(Files::isRegularFile).filter(ImageReaders::hasImageExtension).sorted().toList();
            } catch (IOException e) {
                throw new ImageFormatException(path, "cannot list the folder: " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new ImageFormatException(path, "folder without image files (" + ImageReaders.SUPPORTED + ")");
            }
            for (Path f : files) {
                add(items, f, ImageReaders.open(f).frames());
            }
        } else {
            add(items, path, ImageReaders.open(path).frames());
        }
        return new ImageSeries(path, items);
    }

    /** True when {@code path} is a folder or a file of more than one frame. */
    public static boolean isSeries(Path path) throws ImageFormatException {
        return Files.isDirectory(path) || ImageReaders.open(path).frames() > 1;
    }

    private static void add(List<Item> items, Path file, int frames) {
        for (int k = 0; k < frames; k++) {
            items.add(new Item(file, k, frames));
        }
    }

    /** The folder or file the series came from. */
    public Path source() {
        return source;
    }

    /** The frames in order. */
    public List<Item> items() {
        return items;
    }

    /** Number of frames. */
    public int size() {
        return items.size();
    }

    /** Frame {@code i} of the series with square pixels (see {@link ImageFile#squareFrame}). */
    public Frame frame(int i, Consumer<String> notices) throws ImageFormatException {
        Item item = items.get(i);
        if (!item.file().equals(openPath)) {
            openFile = ImageReaders.open(item.file());
            openPath = item.file();
        }
        return openFile.squareFrame(item.frame(), notices);
    }
}
