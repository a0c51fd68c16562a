package io.sharedcatalog.catalog.internal.codec;

/**
 * A value could not be encoded or decoded. Callers turn it into a {@code DatasetException} that
 * names the dataset.
 */
public final class CodecException extends RuntimeException {
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
