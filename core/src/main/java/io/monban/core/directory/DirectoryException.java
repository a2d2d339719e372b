package io.monban.core.directory;

/** A directory change that cannot be made as asked (duplicate, unknown reference). */
public class DirectoryException extends RuntimeException {
    public DirectoryException(String message) {
        super(message);
    }
}
