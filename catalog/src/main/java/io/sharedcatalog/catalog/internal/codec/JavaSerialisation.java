package io.sharedcatalog.catalog.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;

/**
 * The codec's Java serialisation fallback, with the same allow-list as Fory on both sides and the
 * decoding limits of an {@link ObjectInputFilter}: class names are checked before a class is loaded
 * (so a refused class's static initialiser never runs), depth and references against {@link
 * DecodeLimits}, array lengths against the value's own size.
 *
 * <p>This class is thread-safe (it has no state; each call makes its own streams).
 */
final class JavaSerialisation {
  private final ClassAllowList allowList;
  private final DecodeLimits limits;
  private final ClassLoader loader;

  JavaSerialisation(ClassAllowList allowList, DecodeLimits limits, ClassLoader loader) {
    this.allowList = allowList;
    this.limits = limits;
    this.loader = loader;
  }

  /** Serialises {@code value}, refusing classes that no process could decode. */
  byte[] serialise(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream objects = new CheckedOutput(out, allowList)) {
      objects.writeObject(value);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a body written by {@link #serialise}.
   *
   * @throws CodecException with the reason and fix of the failure
   */
  Object deserialise(byte[] body, int offset, int length) {
    Limits filter = new Limits(limits, length);
    try (CheckedInput in =
        new CheckedInput(new ByteArrayInputStream(body, offset, length), filter)) {
      in.setObjectInputFilter(filter);
      return in.readObject();
    } catch (ClassNotFoundException e) {
      throw CodecMessages.classNotFound(e.getMessage(), e);
    } catch (InvalidClassException e) {
      if (filter.refusal != null) {
        throw filter.refusal;
      }
      throw CodecMessages.classMismatch(e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw CodecMessages.tooDeep(limits.maxDepth(), null);
    } catch (LinkageError e) {
      throw CodecMessages.classMismatch(e.toString(), e);
    } catch (IOException | RuntimeException e) {
      if (filter.refusal != null) {
        throw filter.refusal;
      }
      throw CodecMessages.corrupt("its Java serialisation does not decode (" + e + ")", e);
    }
  }

  /** Records why it rejected, so the failure can say so (the stream only says "REJECTED"). */
  private final class Limits implements ObjectInputFilter {
    private final DecodeLimits limits;
    private final long bodyLength;
    CodecException refusal;

    Limits(DecodeLimits limits, long bodyLength) {
      this.limits = limits;
      this.bodyLength = bodyLength;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      if (info.depth() > limits.maxDepth()) {
        return reject(CodecMessages.tooDeep(limits.maxDepth(), null));
      }
      if (info.references() > limits.maxRefs()) {
        return reject(CodecMessages.tooManyRefs(limits.maxRefs(), null));
      }
      if (info.arrayLength() > bodyLength) {
        return reject(
            CodecMessages.corrupt(
                "an array claims "
                    + info.arrayLength()
                    + " elements, more than the value's "
                    + bodyLength
                    + " bytes",
                null));
      }
      Class<?> type = info.serialClass();
      if (type != null && !allowList.allows(type.getName())) {
        return reject(CodecMessages.classNotAllowed(type.getName(), null));
      }
      return Status.UNDECIDED;
    }

    private Status reject(CodecException why) {
      if (refusal == null) {
        refusal = why;
      }
      return Status.REJECTED;
    }
  }

  /** Checks a class's name before loading it, and loads it without initialising it. */
  private final class CheckedInput extends ObjectInputStream {
    private final Limits filter;

    CheckedInput(InputStream in, Limits filter) throws IOException {
      super(in);
      this.filter = filter;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      String name = desc.getName();
      if (!allowList.allows(name)) {
        filter.reject(CodecMessages.classNotAllowed(name, null));
        throw new InvalidClassException(name, "not in the allow-list");
      }
      try {
        return Class.forName(name, false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc); // primitives, and classes of the caller's loader
      }
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
      String name = String.join(",", interfaces);
      filter.reject(CodecMessages.classNotAllowed("a proxy of " + name, null));
      throw new InvalidClassException(name, "proxies are not decoded");
    }
  }

  /** Refuses classes outside the allow-list as they are written. */
  private static final class CheckedOutput extends ObjectOutputStream {
    private final ClassAllowList allowList;
    private boolean checking = true;

    CheckedOutput(OutputStream out, ClassAllowList allowList) throws IOException {
      super(out);
      this.allowList = allowList;
    }

    @Override
    protected void annotateClass(Class<?> type) throws IOException {
      // A failed write ends by writing its exception into the stream: from the first Throwable on,
      // stop checking, so the failure reported is the cause. This check only makes a save fail
      // early; decoding refuses the same classes whatever was written.
      if (Throwable.class.isAssignableFrom(type)) {
        checking = false;
      }
      if (checking && !allowList.allows(type.getName())) {
        throw new NotAllowedClassException(type.getName());
      }
    }
  }

  /** A class outside the allow-list met while encoding. */
  static final class NotAllowedClassException extends NotSerializableException {
    private static final long serialVersionUID = 1L;

    NotAllowedClassException(String className) {
      super(className);
    }
  }
}
