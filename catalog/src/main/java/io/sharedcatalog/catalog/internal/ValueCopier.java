package io.sharedcatalog.catalog.internal;

import io.sharedcatalog.catalog.CopyMode;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.ValueCodec;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Copies values for {@code MemoryDataset} by {@link CopyMode}, and infers the mode.
 *
 * <p>Immutable values (see {@link #isImmutable(Object)}) are never copied. A deep copy rebuilds
 * arrays and the JDK's collections ({@code ArrayList}, {@code LinkedList}, {@code ArrayDeque},
 * {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap}, {@code HashSet}, {@code LinkedHashSet},
 * {@code TreeSet}, {@code List.of}/{@code Set.of}/{@code Map.of}) element by element, keeping their
 * classes, and copies any other value by a round trip through {@link ValueCodec}.
 *
 * <p>This class is thread-safe.
 */
public final class ValueCopier {
  private static final Set<Class<?>> IMMUTABLE_CLASSES =
      Set.of(
          String.class,
          Boolean.class,
          Character.class,
          Byte.class,
          Short.class,
          Integer.class,
          Long.class,
          Float.class,
          Double.class,
          BigDecimal.class,
          BigInteger.class,
          UUID.class,
          Class.class);

  private static final ClassValue<Method[]> RECORD_ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Method[] accessors = new Method[components.length];
          try {
            for (int i = 0; i < components.length; i++) {
              accessors[i] = components[i].getAccessor();
              accessors[i].setAccessible(true);
            }
            return accessors;
          } catch (RuntimeException e) {
            return null;
          }
        }
      };

  private ValueCopier() {}

  /**
   * Returns whether a value is immutable, so that sharing it is safe: {@code null}, strings, boxed
   * primitives, {@code BigDecimal}, {@code BigInteger}, {@code UUID}, enums, {@code java.time}
   * values, records whose components are all immutable, and the unmodifiable JDK collections of
   * {@code List.of}/{@code Set.of}/{@code Map.of}/{@code copyOf}/{@code Stream.toList()} (and the
   * empty and singleton collections of {@code Collections}) whose elements are all immutable.
   */
  public static boolean isImmutable(Object value) {
    return isImmutable(value, 0);
  }

  private static boolean isImmutable(Object value, int depth) {
    if (value == null) {
      return true;
    }
    if (depth > 64) {
      return false;
    }
    Class<?> type = value.getClass();
    if (IMMUTABLE_CLASSES.contains(type) || value instanceof Enum<?>) {
      return true;
    }
    if (type.getPackageName().equals("java.time")) {
      return true;
    }
    if (type.isRecord()) {
      Method[] accessors = RECORD_ACCESSORS.get(type);
      if (accessors == null) {
        return false;
      }
      try {
        for (Method accessor : accessors) {
          if (!isImmutable(accessor.invoke(value), depth + 1)) {
            return false;
          }
        }
        return true;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return false;
      }
    }
    if (isUnmodifiableJdkCollection(type)) {
      if (value instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!isImmutable(entry.getKey(), depth + 1)
              || !isImmutable(entry.getValue(), depth + 1)) {
            return false;
          }
        }
        return true;
      }
      for (Object element : (Collection<?>) value) {
        if (!isImmutable(element, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isUnmodifiableJdkCollection(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.util.ImmutableCollections$")
        || name.startsWith("java.util.Collections$Empty")
        || name.startsWith("java.util.Collections$Singleton");
  }

  /**
   * Returns the mode used when none is given: {@code ASSIGN} for immutable values, else {@code
   * DEEPCOPY}.
   */
  public static CopyMode infer(Object value) {
    return isImmutable(value) ? CopyMode.ASSIGN : CopyMode.DEEPCOPY;
  }

  /**
   * Copies a value by a mode.
   *
   * @param owner names the dataset in error messages
   * @throws DatasetException if the value cannot be copied by the mode; the message names the
   *     owner, the value's class and the fix
   */
  @SuppressWarnings("unchecked")
  public static <T> T copy(T value, CopyMode mode, String owner) {
    return switch (mode) {
      case ASSIGN -> value;
      case COPY -> (T) shallowCopy(value, owner);
      case DEEPCOPY -> (T) deepCopy(value, owner);
    };
  }

  private static Object shallowCopy(Object value, String owner) {
    if (isImmutable(value)) {
      return value;
    }
    if (value.getClass().isArray()) {
      return cloneArray(value);
    }
    if (isUnmodifiableJdkCollection(value.getClass())) {
      return value;
    }
    Object copy = newCollectionLike(value);
    if (copy instanceof Map<?, ?>) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> target = (Map<Object, Object>) copy;
      target.putAll((Map<?, ?>) value);
      return target;
    }
    if (copy instanceof Collection<?>) {
      @SuppressWarnings("unchecked")
      Collection<Object> target = (Collection<Object>) copy;
      target.addAll((Collection<?>) value);
      return target;
    }
    throw new DatasetException(
        owner
            + " cannot make a shallow copy (copy_mode COPY) of a value of class "
            + value.getClass().getName()
            + ": only arrays and the JDK's collections and maps can be copied shallowly. Use"
            + " copy_mode DEEPCOPY, or ASSIGN to store the value by reference.");
  }

  private static Object deepCopy(Object value, String owner) {
    try {
      return deepCopy(value, new IdentityHashMap<>(), owner);
    } catch (StackOverflowError e) {
      throw new DatasetException(
          owner
              + " cannot deep-copy a value of class "
              + value.getClass().getName()
              + ": it is nested too deeply. Use copy_mode ASSIGN to store it by reference.");
    }
  }

  @SuppressWarnings("unchecked")
  private static Object deepCopy(Object value, IdentityHashMap<Object, Object> seen, String owner) {
    if (isImmutable(value)) {
      return value;
    }
    Object already = seen.get(value);
    if (already != null) {
      return already;
    }
    Class<?> type = value.getClass();
    if (type.isArray()) {
      Object copy = cloneArray(value);
      seen.put(value, copy);
      if (copy instanceof Object[] elements) {
        for (int i = 0; i < elements.length; i++) {
          elements[i] = deepCopy(elements[i], seen, owner);
        }
      }
      return copy;
    }
    if (isUnmodifiableJdkCollection(type)) {
      if (value instanceof Map<?, ?> map) {
        Map<Object, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(deepCopy(k, seen, owner), deepCopy(v, seen, owner)));
        return Map.copyOf(copy);
      }
      List<Object> elements = new ArrayList<>();
      for (Object element : (Collection<?>) value) {
        elements.add(deepCopy(element, seen, owner));
      }
      return value instanceof Set<?> ? Set.copyOf(elements) : List.copyOf(elements);
    }
    Object copy = newCollectionLike(value);
    if (copy instanceof Map<?, ?>) {
      Map<Object, Object> target = (Map<Object, Object>) copy;
      seen.put(value, target);
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        target.put(deepCopy(entry.getKey(), seen, owner), deepCopy(entry.getValue(), seen, owner));
      }
      return target;
    }
    if (copy instanceof Collection<?>) {
      Collection<Object> target = (Collection<Object>) copy;
      seen.put(value, target);
      for (Object element : (Collection<?>) value) {
        target.add(deepCopy(element, seen, owner));
      }
      return target;
    }
    ValueCodec codec = ValueCodec.shared();
    try {
      Object copied = codec.copy(value);
      seen.put(value, copied);
      return copied;
    } catch (CodecException e) {
      throw notCopyable(value, owner, e);
    }
  }

  private static DatasetException notCopyable(Object value, String owner, Exception cause) {
    return new DatasetException(
        owner
            + " cannot deep-copy a value of class "
            + value.getClass().getName()
            + ": "
            + cause.getMessage()
            + ". Save it with copy_mode ASSIGN (new MemoryDataset<>(value, CopyMode.ASSIGN), or"
            + " 'copy_mode: assign' in the catalog config) to store it by reference, or make the"
            + " class encodable (for example Serializable).",
        cause);
  }

  /** Returns an empty collection of the same JDK class, or {@code null} for other values. */
  private static Object newCollectionLike(Object value) {
    Class<?> type = value.getClass();
    if (type == ArrayList.class) {
      return new ArrayList<>(((Collection<?>) value).size());
    } else if (type == LinkedList.class) {
      return new LinkedList<>();
    } else if (type == ArrayDeque.class) {
      return new ArrayDeque<>();
    } else if (type == HashSet.class) {
      return new HashSet<>();
    } else if (type == LinkedHashSet.class) {
      return new LinkedHashSet<>();
    } else if (type == TreeSet.class) {
      return new TreeSet<>(((TreeSet<?>) value).comparator());
    } else if (type == HashMap.class) {
      return new HashMap<>();
    } else if (type == LinkedHashMap.class) {
      return new LinkedHashMap<>();
    } else if (type == TreeMap.class) {
      return new TreeMap<>(((TreeMap<?, ?>) value).comparator());
    }
    return null;
  }

  private static Object cloneArray(Object array) {
    if (array instanceof Object[] a) {
      return a.clone();
    } else if (array instanceof int[] a) {
      return a.clone();
    } else if (array instanceof long[] a) {
      return a.clone();
    } else if (array instanceof double[] a) {
      return a.clone();
    } else if (array instanceof byte[] a) {
      return a.clone();
    } else if (array instanceof float[] a) {
      return a.clone();
    } else if (array instanceof short[] a) {
      return a.clone();
    } else if (array instanceof char[] a) {
      return a.clone();
    }
    return ((boolean[]) array).clone();
  }
}
