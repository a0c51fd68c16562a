package io.sharedcatalog.catalog.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * The project's binary encoding for dataset values: used by {@code ObjectFileDataset}, by deep
 * copies, and by the shared catalog to store values as bytes in the cluster.
 *
 * <p>This first version encodes with Java serialisation; the performance work replaces the body
 * with a faster encoding chosen per value, keeping these method signatures.
 *
 * <p>This class is thread-safe.
 */
public final class ValueCodec {
  private static final ValueCodec SHARED = new ValueCodec();

  private ValueCodec() {}

  /** Returns the process-wide codec. */
  public static ValueCodec shared() {
    return SHARED;
  }

  /**
   * Encodes a value.
   *
   * @throws CodecException if the value (or something it holds) cannot be encoded; the message
   *     names the offending class
   */
  public byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(value);
    } catch (IOException e) {
      throw new CodecException(
          "Cannot encode a value of class "
              + (value == null ? "null" : value.getClass().getName())
              + ": "
              + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes bytes made by {@link #encode(Object)}.
   *
   * @throws CodecException if the bytes are not a value this codec wrote
   */
  public Object decode(byte[] bytes) {
    try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return objects.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new CodecException("Cannot decode a value: " + e.getMessage(), e);
    }
  }

  /** Returns whether {@link #encode(Object)} is expected to succeed for this value's class. */
  public boolean canEncode(Object value) {
    return value == null || value instanceof Serializable;
  }
}
