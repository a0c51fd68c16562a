package io.sharedcatalog.catalog.internal.codec;

import io.sharedcatalog.catalog.internal.codec.CodecException.Reason;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;
import org.apache.fory.exception.InsecureException;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.resolver.TypeChecker;
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
 *   <li>{@link #TAG_ROWS} — a table held as rows of maps ({@code ArrayList} of at least {@value
 *       ColumnarRows#MIN_ROWS} {@code LinkedHashMap}s sharing one key order, each column of one
 *       class): column names once, then one typed array per column ({@link ColumnarRows});
 *   <li>{@link #TAG_JAVA} — Java serialisation, chosen per value when Fory refuses a value that is
 *       {@code Serializable}, or when the value's class is named in {@value #JAVA_CLASSES_PROPERTY}
 *       (an escape hatch for classes whose custom serialisation Fory does not reproduce);
 *   <li>{@link #TAG_NULL} — null, no body.
 * </ul>
 *
 * <h2>Which classes may be decoded</h2>
 *
 * Bytes from a file or the cluster are not trusted: decoding accepts only the classes of the {@link
 * ClassAllowList} (JDK value types and collections, {@code io.sharedcatalog.*}, and what the user
 * lists in {@value ClassAllowList#PROPERTY} or a jar's {@value ClassAllowList#RESOURCE}), checked
 * by name before a class is loaded, by Fory (a type checker) and by the Java serialisation fallback
 * (an {@link java.io.ObjectInputFilter}) alike. Fory's own deny-list of known gadget classes
 * applies too; the columnar format names no class at all (its bytes choose among a fixed set of JDK
 * value types, all in the default list). Encoding refuses the same classes, so a save fails before
 * anything is written rather than every later load. Decoding is bounded by {@link DecodeLimits}
 * (nesting depth, references, and array lengths no longer than the value's bytes), so a nest of 60
 * {@code HashSet}s fails at once instead of hashing for hours. Deep copies of this process's own
 * values ({@link #copy}) trust their bytes and need no list. Each failure is a {@link
 * CodecException} whose {@link CodecException#reason()} and message say what to do ({@link
 * CodecMessages}).
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

  /** Tag of a columnar table of rows as maps ({@link ColumnarRows}). */
  public static final byte TAG_ROWS = 5;

  /**
   * System property naming value classes (comma-separated) always encoded with Java serialisation,
   * an escape hatch for classes whose custom serialisation Fory does not reproduce.
   */
  public static final String JAVA_CLASSES_PROPERTY = "sharedcatalog.codec.javaClasses";

  /** System property holding the extra classes and packages that may be decoded. */
  public static final String ALLOW_LIST_PROPERTY = ClassAllowList.PROPERTY;

  private static final Logger log = LoggerFactory.getLogger(ValueCodec.class);
  // Copies of this process's own values are as deep as the stack allows, as before the limits.
  private static final int TRUSTED_MAX_DEPTH = 100_000;
  private static final Pattern FORY_CLASS = Pattern.compile("Class (\\S+) ");
  private static final ValueCodec SHARED =
      new ValueCodec(
          ClassAllowList.fromEnvironment(ValueCodec.class.getClassLoader()),
          DecodeLimits.fromSystemProperties(),
          ClassAllowList.parse(System.getProperty(JAVA_CLASSES_PROPERTY)));
  private static final byte[] EMPTY = new byte[0];

  private static final int SCRATCH_INITIAL_BYTES = 64 << 10;
  private static final int SCRATCH_KEEP_BYTES = 4 << 20;

  private final ThreadLocal<MemoryBuffer> scratch =
      ThreadLocal.withInitial(() -> MemoryBuffer.newHeapBuffer(SCRATCH_INITIAL_BYTES));
  private final ClassAllowList allowList;
  private final DecodeLimits limits;
  private final Set<String> javaClasses;
  private final Engine checked;
  private final Engine trusted;

  /** Fory and Java serialisation with one allow-list and one set of limits. */
  private record Engine(ThreadSafeFory fory, JavaSerialisation java) {}

  ValueCodec(ClassAllowList allowList, DecodeLimits limits, List<String> javaClasses) {
    this.allowList = Objects.requireNonNull(allowList, "allowList");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.javaClasses = Set.copyOf(javaClasses);
    ClassLoader loader = ValueCodec.class.getClassLoader();
    this.checked =
        new Engine(
            fory(limits.maxDepth(), allowList, loader),
            new JavaSerialisation(allowList, limits, loader));
    ClassAllowList everything = ClassAllowList.everything();
    this.trusted =
        new Engine(
            fory(TRUSTED_MAX_DEPTH, null, loader),
            new JavaSerialisation(
                everything, new DecodeLimits(Integer.MAX_VALUE, Long.MAX_VALUE), loader));
  }

  private static ThreadSafeFory fory(int maxDepth, ClassAllowList allowList, ClassLoader loader) {
    var builder =
        Fory.builder()
            .withLanguage(Language.JAVA)
            .withXlang(false)
            .requireClassRegistration(false)
            .suppressClassRegistrationWarnings(true)
            .withRefTracking(true)
            .withCodegen(true)
            .withMaxDepth(maxDepth)
            // the store bounds a value's size; within it, the graph's size is the value's own
            .withMaxGraphMemoryBytes(Long.MAX_VALUE)
            .withClassLoader(loader);
    if (allowList != null) {
      builder.withTypeChecker(new AllowListTypeChecker(allowList));
    }
    return builder.buildThreadLocalFory();
  }

  /** Refuses, by name and before loading it, every class outside the allow-list. */
  private record AllowListTypeChecker(ClassAllowList allowList) implements TypeChecker {
    @Override
    public boolean checkType(org.apache.fory.resolver.TypeResolver resolver, String className) {
      if (allowList.allows(className)) {
        return true;
      }
      throw new NotAllowedClass(className);
    }
  }

  /** Thrown through Fory by the type checker, so the failure names the class. */
  private static final class NotAllowedClass extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String className;

    NotAllowedClass(String className) {
      super("Class " + className + " is not in the allow-list", null, false, false);
      this.className = className;
    }
  }

  /** The allow-list this codec decodes with. */
  public ClassAllowList allowList() {
    return allowList;
  }

  /** The limits this codec decodes with. */
  public DecodeLimits limits() {
    return limits;
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
    return encode(value, false, checked);
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
    return encode(value, true, checked);
  }

  private EncodedValue encode(Object value, boolean transientBody, Engine engine) {
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
        byte tag = TAG_ROWS;
        if (!ColumnarRows.write(value, buffer)) {
          tag = TAG_FORY;
          buffer.writerIndex(0);
          engine.fory().serialize(buffer, value);
        }
        EncodedValue encoded =
            new EncodedValue(tag, buffer.getHeapMemory(), 0, buffer.writerIndex());
        if (transientBody && buffer.size() > SCRATCH_KEEP_BYTES) {
          scratch.set(MemoryBuffer.newHeapBuffer(SCRATCH_INITIAL_BYTES));
        }
        return encoded;
      } catch (RuntimeException | StackOverflowError e) {
        NotAllowedClass refused = find(e, NotAllowedClass.class);
        if (refused != null) {
          throw CodecMessages.classNotAllowedForEncoding(
              value.getClass().getName(), refused.className, e);
        }
        foryFailure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    }
    if (value instanceof Serializable) {
      try {
        byte[] body = engine.java().serialise(value);
        log.debug(
            "Encoded a {} with Java serialisation instead of Fory: {}",
            value.getClass().getName(),
            foryFailure.toString());
        return new EncodedValue(TAG_JAVA, body, 0, body.length);
      } catch (JavaSerialisation.NotAllowedClassException e) {
        throw CodecMessages.classNotAllowedForEncoding(
            value.getClass().getName(), e.getMessage(), e);
      } catch (IOException | RuntimeException | StackOverflowError e) {
        e.addSuppressed(foryFailure);
        throw new CodecException(
            Reason.UNENCODABLE,
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
        Reason.UNENCODABLE,
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
   * @throws CodecException if the bytes are not a value this codec wrote, name a class that is not
   *     allowed or not on this process's class path, or exceed a {@link DecodeLimits} limit; its
   *     {@link CodecException#reason()} says which
   */
  public Object decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw CodecMessages.corrupt("it has no bytes at all", null);
    }
    return decode(bytes[0], bytes, 1, bytes.length - 1);
  }

  /**
   * Decodes a body of the given tag. A {@code byte[]} body spanning its whole array is returned
   * without a copy.
   *
   * @throws CodecException if the body is not a value of that tag, names a class that is not
   *     allowed or not on this process's class path, or exceeds a {@link DecodeLimits} limit; its
   *     {@link CodecException#reason()} says which
   */
  public Object decode(byte tag, byte[] body, int offset, int length) {
    return decode(tag, body, offset, length, checked, limits.maxDepth());
  }

  private Object decode(
      byte tag, byte[] body, int offset, int length, Engine engine, int maxDepth) {
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
          return engine.fory().deserialize(MemoryBuffer.fromByteArray(body, offset, length));
        } catch (RuntimeException | LinkageError e) {
          throw foryDecodeFailure(e, maxDepth);
        }
      case TAG_JAVA:
        return engine.java().deserialise(body, offset, length);
      case TAG_ROWS:
        try {
          return ColumnarRowsReader.read(body, offset, length);
        } catch (CodecException e) {
          throw e;
        } catch (RuntimeException e) {
          throw CodecMessages.corrupt("its columnar table does not decode (" + e + ")", e);
        }
      default:
        throw CodecMessages.corrupt(
            "its format tag " + tag + " is not one this codec writes", null);
    }
  }

  private static CodecException foryDecodeFailure(Throwable e, int maxDepth) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NotAllowedClass refused) {
        return CodecMessages.classNotAllowed(refused.className, e);
      }
      if (t instanceof ClassNotFoundException missing) {
        return CodecMessages.classNotFound(missing.getMessage(), e);
      }
      if (t instanceof StackOverflowError) {
        return CodecMessages.tooDeep(maxDepth, null);
      }
      if (t instanceof InsecureException insecure) {
        String message = String.valueOf(insecure.getMessage());
        if (message.contains("max depth")) {
          return CodecMessages.tooDeep(maxDepth, e);
        }
        Matcher name = FORY_CLASS.matcher(message);
        return CodecMessages.classNotAllowed(name.find() ? name.group(1) : message, e);
      }
      if (t instanceof LinkageError) {
        return CodecMessages.classMismatch(t.toString(), e);
      }
    }
    return CodecMessages.corrupt("its Fory encoding does not decode (" + e + ")", e);
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
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

  /**
   * Returns a deep copy of {@code value} made by encoding and decoding it. The bytes never leave
   * this process, so no allow-list or limit applies: any value that can be encoded is copied.
   *
   * @throws CodecException if the value cannot be encoded
   */
  public Object copy(Object value) {
    EncodedValue encoded = encode(value, false, trusted);
    if (encoded.tag() == TAG_BYTES) {
      return ((byte[]) value).clone();
    }
    return decode(
        encoded.tag(),
        encoded.body(),
        encoded.offset(),
        encoded.length(),
        trusted,
        TRUSTED_MAX_DEPTH);
  }

  private static boolean hasSurrogate(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
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
}
