package io.sharedcatalog.catalog.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.outside.GadgetReal;
import com.example.outside.GadgetTwin;
import com.example.outside.OutsideValue;
import io.sharedcatalog.catalog.internal.codec.CodecException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding trusts no byte: the allow-list, the limits, and a fix in every message. */
class ValueCodecSafetyTest {
  /** Bounds a test that would hang on a decoder without limits; not a speed assertion. */
  private static final Duration HANG_BOUND = Duration.ofSeconds(10);

  private final ValueCodec codec = ValueCodec.shared();
  private final ValueCodec trusting =
      new ValueCodec(ClassAllowList.withDefaults(List.of("*")), limits(100_000), List.of());

  private static DecodeLimits limits(int maxDepth) {
    return new DecodeLimits(maxDepth, DecodeLimits.DEFAULT_MAX_REFS);
  }

  /** The classic deserialisation bomb: every set holds the same two sets of the next level. */
  static Set<Object> hashSetNest(int levels) {
    Set<Object> root = new HashSet<>();
    Set<Object> s1 = root;
    Set<Object> s2 = new HashSet<>();
    for (int i = 0; i < levels; i++) {
      Set<Object> t1 = new HashSet<>();
      Set<Object> t2 = new HashSet<>();
      t1.add("foo");
      s1.add(t1);
      s1.add(t2);
      s2.add(t1);
      s2.add(t2);
      s1 = t1;
      s2 = t2;
    }
    return root;
  }

  /** {@code value} in the codec's Java serialisation format, written by a plain JDK stream. */
  static byte[] javaTagged(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ValueCodec.TAG_JAVA);
    try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(value);
    }
    return out.toByteArray();
  }

  /** Replaces {@code from} by {@code to} (same length) in the bytes: a crafted class name. */
  static byte[] rename(byte[] bytes, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.UTF_8);
    byte[] t = to.getBytes(StandardCharsets.UTF_8);
    assertEquals(f.length, t.length);
    byte[] out = bytes.clone();
    int found = 0;
    for (int i = 0; i + f.length <= out.length; i++) {
      boolean match = true;
      for (int j = 0; j < f.length && match; j++) {
        match = out[i + j] == f[j];
      }
      if (match) {
        System.arraycopy(t, 0, out, i, t.length);
        found++;
      }
    }
    assertTrue(found > 0, "no " + from + " in the bytes");
    return out;
  }

  private static CodecException decodeFails(ValueCodec codec, byte[] bytes, Reason reason) {
    CodecException e =
        assertTimeoutPreemptively(
            HANG_BOUND, () -> assertThrows(CodecException.class, () -> codec.decode(bytes)));
    assertEquals(reason, e.reason(), e::getMessage);
    return e;
  }

  private static void assertMentions(CodecException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "no '" + part + "' in: " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------ allow-list

  @Test
  void aClassOutsideTheAllowListIsRefusedNamingTheClassAndHowToAllowIt() throws IOException {
    byte[] fory = trusting.encode(new OutsideValue("x", 1));
    assertEquals(ValueCodec.TAG_FORY, fory[0]);

    for (byte[] bytes : List.of(fory, javaTagged(new OutsideValue("x", 1)))) {
      CodecException e = decodeFails(codec, bytes, Reason.CLASS_NOT_ALLOWED);
      assertMentions(
          e, OutsideValue.class.getName(), ClassAllowList.RESOURCE, ClassAllowList.PROPERTY);
    }
  }

  @Test
  void theBytesCannotMakeARefusedClassLoadOrRunItsStaticInitialiser() throws IOException {
    byte[] bytes =
        rename(
            javaTagged(new GadgetTwin()),
            GadgetTwin.class.getName(),
            "com.example.outside.GadgetReal");

    CodecException e = decodeFails(codec, bytes, Reason.CLASS_NOT_ALLOWED);

    assertMentions(e, "com.example.outside.GadgetReal");
    assertNull(System.getProperty(GadgetReal.INITIALISED), "the static initialiser ran");
  }

  @Test
  void jdkValueTypesCollectionsAndTheProjectsOwnClassesAreAllowedByDefault() {
    ClassAllowList defaults = ClassAllowList.withDefaults(List.of());
    for (String allowed :
        List.of(
            "java.util.HashMap",
            "java.util.ImmutableCollections$ListN",
            "java.time.LocalDate",
            "java.math.BigDecimal",
            "java.lang.Integer",
            "[Ljava.lang.String;",
            "[[I",
            "io.sharedcatalog.catalog.Version")) {
      assertTrue(defaults.allows(allowed), allowed);
    }
    for (String refused :
        List.of(
            "java.lang.Thread",
            "java.lang.ProcessBuilder",
            "java.net.URL",
            "javax.management.BadAttributeValueExpException",
            "[Lcom.example.outside.OutsideValue;",
            "com.example.outside.OutsideValue")) {
      assertFalse(defaults.allows(refused), refused);
    }
    Object row = codec.decode(codec.encode(new ArrayList<>(List.of(Map.of("a", 1)))));
    assertEquals(List.of(Map.of("a", 1)), row);
  }

  @Test
  void aJarDeclaresItsValueClassesOnceInAResourceFile(@TempDir Path jarRoot) throws IOException {
    Path list = jarRoot.resolve(ClassAllowList.RESOURCE);
    Files.createDirectories(list.getParent());
    Files.writeString(list, "# value classes of the outside pipelines\ncom.example.outside.*\n");
    ClassAllowList declared;
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jarRoot.toUri().toURL()}, getClass().getClassLoader())) {
      declared = ClassAllowList.fromEnvironment(loader);
    }
    assertEquals(List.of("com.example.outside.*"), declared.userEntries());
    ValueCodec allowing = new ValueCodec(declared, limits(50), List.of());

    OutsideValue value = new OutsideValue("x", 1);
    assertEquals(value, allowing.decode(allowing.encode(value)));
    assertEquals(value, allowing.decode(javaTagged(value)));
  }

  @Test
  void listedClassesAndPackagesAreAllowedAndNothingElse() {
    ClassAllowList list =
        ClassAllowList.withDefaults(
            ClassAllowList.parse(" com.acme.model.* , com.acme.Order ,, org.other.Exact"));
    assertTrue(list.allows("com.acme.model.Row"));
    assertTrue(list.allows("com.acme.model.deep.Row"));
    assertTrue(list.allows("com.acme.Order"));
    assertFalse(list.allows("com.acme.Order$Line"));
    assertFalse(list.allows("com.acme.Other"));
    assertFalse(list.allows("com.acme.modelx.Row"));
    assertTrue(ClassAllowList.withDefaults(List.of("*")).allows("anything.At.All"));
  }

  @Test
  void aValueHoldingARefusedClassCannotBeSavedSoNoLoadWouldFailLater() {
    CodecException e =
        assertThrows(CodecException.class, () -> codec.encode(List.of(new OutsideValue("x", 1))));
    assertEquals(Reason.CLASS_NOT_ALLOWED, e.reason());
    assertMentions(e, OutsideValue.class.getName(), ClassAllowList.RESOURCE);
    // a copy inside this process trusts its own bytes
    assertEquals(List.of(new OutsideValue("x", 1)), codec.copy(List.of(new OutsideValue("x", 1))));
  }

  // ------------------------------------------------------------------ limits

  @Test
  void aNestOf60HashSetsFailsAtOnceWithFory() {
    byte[] bomb = codec.encode(hashSetNest(60));
    assertEquals(ValueCodec.TAG_FORY, bomb[0]);
    assertTrue(bomb.length < 1_000, "a bomb of " + bomb.length + " bytes");

    CodecException e = decodeFails(codec, bomb, Reason.LIMIT_EXCEEDED);

    assertMentions(e, "50", DecodeLimits.MAX_DEPTH_PROPERTY);
  }

  @Test
  void aNestOf60HashSetsFailsAtOnceWithJavaSerialisation() throws IOException {
    byte[] bomb = javaTagged(hashSetNest(60));

    CodecException e = decodeFails(codec, bomb, Reason.LIMIT_EXCEEDED);

    assertMentions(e, DecodeLimits.MAX_DEPTH_PROPERTY);
  }

  @Test
  void aGenuineDeepValueLoadsOnceTheDepthLimitIsRaised() {
    List<Object> deep = new ArrayList<>();
    List<Object> level = deep;
    for (int i = 0; i < 80; i++) {
      List<Object> next = new ArrayList<>();
      level.add(next);
      level = next;
    }
    byte[] bytes = codec.encode(deep);
    decodeFails(codec, bytes, Reason.LIMIT_EXCEEDED);
    assertEquals(
        deep,
        new ValueCodec(ClassAllowList.withDefaults(List.of()), limits(200), List.of())
            .decode(bytes));
  }

  @Test
  void javaSerialisationCountsReferencesAgainstItsLimit() throws IOException {
    List<Integer> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(1_000 + i);
    }
    ValueCodec few =
        new ValueCodec(ClassAllowList.withDefaults(List.of()), new DecodeLimits(50, 20), List.of());

    CodecException e = decodeFails(few, javaTagged(many), Reason.LIMIT_EXCEEDED);

    assertMentions(e, "20", DecodeLimits.MAX_REFS_PROPERTY);
  }

  @Test
  void theLimitsComeFromSystemPropertiesAndABadValueNamesTheProperty() {
    String before = System.getProperty(DecodeLimits.MAX_DEPTH_PROPERTY);
    try {
      System.setProperty(DecodeLimits.MAX_DEPTH_PROPERTY, "12");
      assertEquals(12, DecodeLimits.fromSystemProperties().maxDepth());
      assertEquals(DecodeLimits.DEFAULT_MAX_REFS, DecodeLimits.fromSystemProperties().maxRefs());
      for (String bad : List.of("deep", "1", "99999999999")) {
        System.setProperty(DecodeLimits.MAX_DEPTH_PROPERTY, bad);
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, DecodeLimits::fromSystemProperties);
        assertTrue(e.getMessage().contains(DecodeLimits.MAX_DEPTH_PROPERTY), e::getMessage);
      }
    } finally {
      if (before == null) {
        System.clearProperty(DecodeLimits.MAX_DEPTH_PROPERTY);
      } else {
        System.setProperty(DecodeLimits.MAX_DEPTH_PROPERTY, before);
      }
    }
  }

  // ------------------------------------------------------------------ each hint fits its cause

  @Test
  void corruptBytesSayToSaveTheDatasetAgainAndNotToFixTheClassPath() throws IOException {
    byte[] good = codec.encode(List.of(1, 2, 3));
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    byte[] javaBytes = javaTagged(new ArrayList<>(List.of("a", "b")));
    byte[] truncatedJava = Arrays.copyOf(javaBytes, javaBytes.length - 4);
    for (byte[] bytes :
        List.of(
            new byte[0],
            new byte[] {99, 1},
            new byte[] {ValueCodec.TAG_FORY, 1, 2},
            truncated,
            truncatedJava)) {
      CodecException e = decodeFails(codec, bytes, Reason.CORRUPT);
      assertMentions(e, "corrupt", CodecMessages.SAVE_AGAIN);
      assertFalse(e.getMessage().toLowerCase().contains("class path"), e.getMessage());
    }
    assertMentions(
        CodecMessages.corrupt("chunk 2 of 3 fails its checksum", null), CodecMessages.SAVE_AGAIN);
    CodecException incomplete = CodecMessages.incomplete("chunk 2 of 3 is missing", null);
    assertEquals(Reason.INCOMPLETE, incomplete.reason());
    assertMentions(incomplete, "incomplete", CodecMessages.SAVE_AGAIN);
  }

  @Test
  void anAllowedClassMissingFromTheClassPathSaysToFixTheClassPath() throws IOException {
    byte[] bytes =
        rename(
            javaTagged(new GadgetTwin()),
            GadgetTwin.class.getName(),
            "com.example.outside.GadgetGone");
    ValueCodec allowing =
        new ValueCodec(
            ClassAllowList.withDefaults(List.of("com.example.outside.*")), limits(50), List.of());

    CodecException e = decodeFails(allowing, bytes, Reason.CLASS_NOT_FOUND);

    assertMentions(e, "com.example.outside.GadgetGone", "class path");
  }

  @Test
  void aClassThatDiffersFromTheWritersSaysToAlignTheJars() throws IOException {
    // another serialVersionUID: the writer had another version of the class
    byte[] otherVersion = bumpSerialVersionUid(javaTagged(new GadgetTwin()));
    ValueCodec allowing =
        new ValueCodec(
            ClassAllowList.withDefaults(List.of(GadgetTwin.class.getName())),
            limits(50),
            List.of());

    CodecException e = decodeFails(allowing, otherVersion, Reason.CLASS_MISMATCH);

    assertMentions(e, GadgetTwin.class.getName(), "same version");
  }

  /** The serialVersionUID (1L) follows the class name in the descriptor: make it 2L. */
  private static byte[] bumpSerialVersionUid(byte[] bytes) {
    byte[] name = GadgetTwin.class.getName().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + name.length + 8 <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + name.length, name, 0, name.length)) {
        byte[] out = bytes.clone();
        out[i + name.length + 7] = 2;
        return out;
      }
    }
    throw new AssertionError("no class name in the bytes");
  }
}
