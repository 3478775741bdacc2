package org.stemloop.store;

/** The database failed: unreachable, not migratable, or a statement was refused. */
public final class StoreException extends RuntimeException {

    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
