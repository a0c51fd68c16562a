package io.sharedcatalog.catalog.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.resolver.AllowListChecker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's binary encoding for dataset values: used by {@code ObjectFileDataset}, by deep
 * copies, and by the shared catalog to store values as bytes in the cluster (so members never need
 * the users' classes).
 *
 * <h2>Format</h2>
 *
 * One tag byte, then the body:
 *
 * <ul>
 *   <li>{@link #TAG_BYTES} — a {@code byte[]}, stored as is (no copy on the store's chunked path);
 *   <li>{@link #TAG_STRING} — a {@code String} as UTF-8 (strings holding unpaired surrogates, which
 *       UTF-8 cannot carry, go through Fory instead);
 *   <li>{@link #TAG_FORY} — anything else Apache Fory can encode: records, POJOs (no {@code
 *       Serializable} needed), collections, maps, arrays, boxed primitives, enums, {@code
 *       java.time} values, nested graphs with shared references and cycles;
 *   <li>{@link #TAG_JAVA} — Java serialisation, chosen per value when Fory refuses a value that is
 *       {@code Serializable}, or when the value's class is named in {@value #JAVA_CLASSES_PROPERTY}
 *       (an escape hatch for classes whose custom serialisation Fory does not reproduce);
 *   <li>{@link #TAG_NULL} — null, no body.
 * </ul>
 *
 * <h2>Which classes may be decoded</h2>
 *
 * Class registration is not required: like Kedro's pickle-based shared datasets, any class on the
 * classpath of the writing and the reading process can be stored, and unregistered classes are
 * written by name. Fory's built-in deny-list of known deserialisation gadget classes always
 * applies. To lock decoding down to named classes, set the system property {@value
 * #ALLOW_LIST_PROPERTY} to a comma-separated list of class names or package prefixes ending in
 * {@code .*} (for example {@code com.acme.model.*,java.util.*}); it then applies to Fory (strict
 * allow-list) and to the Java serialisation fallback (an {@link ObjectInputFilter}). Every process
 * that decodes must be given the same list. Classes Fory registers itself (primitives, {@code
 * String}, common collections and {@code java.time} types) need no entry.
 *
 * <p>Fory needs the Hazelcast JDK-17 {@code --add-opens} flags the project already uses
 * (java.base/java.lang, java.nio); it runs in forked JVMs started with those flags.
 *
 * <p>This class is thread-safe: Fory instances are kept per thread.
 */
public final class ValueCodec {
  /** Tag of null. */
  public static final byte TAG_NULL = 0;

  /** Tag of a {@code byte[]} body stored as is. */
  public static final byte TAG_BYTES = 1;

  /** Tag of a {@code String} stored as UTF-8. */
  public static final byte TAG_STRING = 2;

  /** Tag of an Apache Fory body. */
  public static final byte TAG_FORY = 3;

  /** Tag of a Java serialisation body. */
  public static final byte TAG_JAVA = 4;

  /**
   * System property naming value classes (comma-separated) always encoded with Java serialisation,
   * an escape hatch for classes whose custom serialisation Fory does not reproduce.
   */
  public static final String JAVA_CLASSES_PROPERTY = "sharedcatalog.codec.javaClasses";

  /** System property holding the optional allow-list of decodable classes. */
  public static final String ALLOW_LIST_PROPERTY = "sharedcatalog.codec.allowlist";

  private static final Logger log = LoggerFactory.getLogger(ValueCodec.class);
  // Fory limits only decoding depth; a limit below what encoding accepts would make values
  // unloadable, so decoding is bounded by the stack, as with Java serialisation.
  private static final int MAX_DEPTH = 100_000;
  private static final ValueCodec SHARED =
      new ValueCodec(
          System.getProperty(ALLOW_LIST_PROPERTY),
          MAX_DEPTH,
          parseAllowList(System.getProperty(JAVA_CLASSES_PROPERTY)));
  private static final byte[] EMPTY = new byte[0];

  private static final int SCRATCH_INITIAL_BYTES = 64 << 10;
  private static final int SCRATCH_KEEP_BYTES = 4 << 20;

  private final ThreadLocal<MemoryBuffer> scratch =
      ThreadLocal.withInitial(() -> MemoryBuffer.newHeapBuffer(SCRATCH_INITIAL_BYTES));
  private final ThreadSafeFory fory;
  private final List<String> allowList;
  private final Set<String> javaClasses;
  private final ObjectInputFilter javaFilter;

  ValueCodec(String allowListSpec, int maxDepth, List<String> javaClasses) {
    this.allowList = parseAllowList(allowListSpec);
    this.javaClasses = Set.copyOf(javaClasses);
    AllowListChecker checker = null;
    if (!allowList.isEmpty()) {
      checker = new AllowListChecker(AllowListChecker.CheckLevel.STRICT);
      checker.allowClasses(allowList);
    }
    var builder =
        Fory.builder()
            .withLanguage(Language.JAVA)
            .withXlang(false)
            .requireClassRegistration(false)
            .suppressClassRegistrationWarnings(true)
            .withRefTracking(true)
            .withCodegen(true)
            .withMaxDepth(maxDepth)
            .withMaxGraphMemoryBytes(Long.MAX_VALUE)
            .withClassLoader(ValueCodec.class.getClassLoader());
    if (checker != null) {
      builder.withTypeChecker(checker);
    }
    this.fory = builder.buildThreadLocalFory();
    this.javaFilter = allowList.isEmpty() ? null : javaFilter(allowList);
  }

  /** Returns the process-wide codec. */
  public static ValueCodec shared() {
    return SHARED;
  }

  /**
   * Encodes a value: its tag byte followed by its body.
   *
   * @throws CodecException if the value (or something it holds) cannot be encoded; the message
   *     names the offending class
   */
  public byte[] encode(Object value) {
    return encodeValue(value).toTaggedArray();
  }

  /**
   * Encodes a value as a tag and a body slice; for a {@code byte[]} the body is that array itself.
   *
   * @throws CodecException if the value (or something it holds) cannot be encoded; the message
   *     names the offending class
   */
  public EncodedValue encodeValue(Object value) {
    return encode(value, false);
  }

  /**
   * As {@link #encodeValue(Object)}, but a Fory body may live in a buffer this thread reuses: it is
   * valid only until this thread's next call of this method. For callers that copy the body out at
   * once (the cluster store); it saves the buffer's growth copies on every encode.
   *
   * @throws CodecException if the value (or something it holds) cannot be encoded; the message
   *     names the offending class
   */
  public EncodedValue encodeTransient(Object value) {
    return encode(value, true);
  }

  private EncodedValue encode(Object value, boolean transientBody) {
    if (value == null) {
      return new EncodedValue(TAG_NULL, EMPTY, 0, 0);
    }
    if (value instanceof byte[] bytes) {
      return new EncodedValue(TAG_BYTES, bytes, 0, bytes.length);
    }
    if (value instanceof String text && !hasSurrogate(text)) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      return new EncodedValue(TAG_STRING, utf8, 0, utf8.length);
    }
    RuntimeException foryFailure;
    if (javaClasses.contains(value.getClass().getName())) {
      foryFailure = new IllegalStateException("named in " + JAVA_CLASSES_PROPERTY);
    } else {
      try {
        MemoryBuffer buffer;
        if (transientBody) {
          buffer = scratch.get();
          buffer.writerIndex(0);
        } else {
          buffer = MemoryBuffer.newHeapBuffer(256);
        }
        fory.serialize(buffer, value);
        EncodedValue encoded =
            new EncodedValue(TAG_FORY, buffer.getHeapMemory(), 0, buffer.writerIndex());
        if (transientBody && buffer.size() > SCRATCH_KEEP_BYTES) {
          scratch.set(MemoryBuffer.newHeapBuffer(SCRATCH_INITIAL_BYTES));
        }
        return encoded;
      } catch (RuntimeException | StackOverflowError e) {
        foryFailure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    }
    if (value instanceof Serializable) {
      try {
        byte[] body = javaSerialise(value);
        log.debug(
            "Encoded a {} with Java serialisation instead of Fory: {}",
            value.getClass().getName(),
            foryFailure.toString());
        return new EncodedValue(TAG_JAVA, body, 0, body.length);
      } catch (IOException | RuntimeException | StackOverflowError e) {
        e.addSuppressed(foryFailure);
        throw new CodecException(
            "Cannot encode a value of class "
                + value.getClass().getName()
                + ": "
                + describeJavaFailure(e)
                + ". Use values made of records, collections, maps, arrays, primitives and"
                + " strings, or make the offending class Serializable",
            e);
      }
    }
    throw new CodecException(
        "Cannot encode a value of class "
            + value.getClass().getName()
            + ": "
            + foryFailure.getMessage()
            + ". Use values made of records, collections, maps, arrays, primitives and strings,"
            + " or make the class Serializable",
        foryFailure);
  }

  /**
   * Decodes bytes made by {@link #encode(Object)}.
   *
   * @throws CodecException if the bytes are not a value this codec wrote, or name a class that is
   *     not on this process's classpath or not allowed
   */
  public Object decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new CodecException("Cannot decode a value: no bytes (not written by this codec)", null);
    }
    return decode(bytes[0], bytes, 1, bytes.length - 1);
  }

  /**
   * Decodes a body of the given tag. A {@code byte[]} body spanning its whole array is returned
   * without a copy.
   *
   * @throws CodecException if the body is not a value of that tag, or names a class that is not on
   *     this process's classpath or not allowed
   */
  public Object decode(byte tag, byte[] body, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, body.length);
    switch (tag) {
      case TAG_NULL:
        return null;
      case TAG_BYTES:
        return offset == 0 && length == body.length
            ? body
            : Arrays.copyOfRange(body, offset, offset + length);
      case TAG_STRING:
        return new String(body, offset, length, StandardCharsets.UTF_8);
      case TAG_FORY:
        try {
          return fory.deserialize(MemoryBuffer.fromByteArray(body, offset, length));
        } catch (RuntimeException | LinkageError e) {
          throw new CodecException(
              "Cannot decode a value written with Fory: "
                  + e.getMessage()
                  + ". Check that this process has the value's classes on its classpath (and in "
                  + ALLOW_LIST_PROPERTY
                  + " when that is set)",
              e);
        }
      case TAG_JAVA:
        try (ObjectInputStream in =
            new ObjectInputStream(new ByteArrayInputStream(body, offset, length))) {
          if (javaFilter != null) {
            in.setObjectInputFilter(javaFilter);
          }
          return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
          throw new CodecException(
              "Cannot decode a value written with Java serialisation: "
                  + e
                  + ". Check that this process has the value's classes on its classpath",
              e);
        }
      default:
        throw new CodecException(
            "Cannot decode a value: unknown format tag " + tag + " (not written by this codec)",
            null);
    }
  }

  /**
   * Returns whether {@link #encode(Object)} succeeds for this value. This is an honest answer: it
   * encodes the value (cost proportional to its size) and discards the result.
   */
  public boolean canEncode(Object value) {
    try {
      checkEncodable(value);
      return true;
    } catch (CodecException e) {
      return false;
    }
  }

  /**
   * Checks that {@link #encode(Object)} succeeds for this value, by encoding it.
   *
   * @throws CodecException naming the offending class if it does not
   */
  public void checkEncodable(Object value) {
    if (value == null || value instanceof byte[] || value instanceof String) {
      return;
    }
    encodeValue(value);
  }

  /** Returns a deep copy of {@code value} made by encoding and decoding it. */
  public Object copy(Object value) {
    EncodedValue encoded = encodeValue(value);
    if (encoded.tag() == TAG_BYTES) {
      return ((byte[]) value).clone();
    }
    return decode(encoded.tag(), encoded.body(), encoded.offset(), encoded.length());
  }

  private static boolean hasSurrogate(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static byte[] javaSerialise(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(value);
    }
    return out.toByteArray();
  }

  private static String describeJavaFailure(Throwable e) {
    if (e instanceof NotSerializableException) {
      return "it holds a value of class " + e.getMessage() + ", which is not Serializable";
    }
    if (e instanceof InvalidClassException invalid && invalid.classname != null) {
      return "class " + invalid.classname + " cannot be serialised (" + e.getMessage() + ")";
    }
    return e.toString();
  }

  private static List<String> parseAllowList(String spec) {
    List<String> entries = new ArrayList<>();
    if (spec != null) {
      for (String entry : spec.split(",")) {
        if (!entry.isBlank()) {
          entries.add(entry.strip());
        }
      }
    }
    return List.copyOf(entries);
  }

  private static ObjectInputFilter javaFilter(List<String> allowList) {
    String pattern =
        String.join(";", allowList) + ";java.lang.*;java.util.*;java.time.*;java.math.*;[*;!*";
    return ObjectInputFilter.Config.createFilter(pattern);
  }
}
