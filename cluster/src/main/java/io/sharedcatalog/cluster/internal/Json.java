package io.sharedcatalog.cluster.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal JSON for dataset configs kept in the cluster: maps with string keys (order kept), lists,
 * strings, booleans, integral and floating numbers, null. Configs travel as JSON text so that
 * members hold them without any class of ours.
 *
 * <p>This class is thread-safe.
 */
public final class Json {
  private Json() {}

  /**
   * Returns whether {@code value} is made only of the types above, so {@link #write} accepts it.
   */
  public static boolean isRepresentable(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return true;
    }
    if (value instanceof Double || value instanceof Float) {
      return Double.isFinite(((Number) value).doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String) || !isRepresentable(e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof Collection<?> items) {
      for (Object item : items) {
        if (!isRepresentable(item)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Writes {@code value} as JSON text.
   *
   * @throws IllegalArgumentException naming the offending class if a part is not representable
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      out.append(value);
    } else if ((value instanceof Double || value instanceof Float)
        && Double.isFinite(((Number) value).doubleValue())) {
      out.append(((Number) value).doubleValue());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "JSON object keys must be strings, not " + className(e.getKey()));
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(key, out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof Collection<?> items) {
      out.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(item, out);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException(
          "A value of class " + className(value) + " cannot be written as JSON");
    }
  }

  private static String className(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Parses JSON text written by {@link #write}: objects become unmodifiable ordered maps, arrays
   * unmodifiable lists, integral numbers {@link Integer} or {@link Long}, other numbers {@link
   * Double}.
   *
   * @throws IllegalArgumentException if the text is not JSON
   */
  public static Object parse(String text) {
    Parser parser = new Parser(text);
    Object value = parser.value();
    parser.skipWhitespace();
    if (parser.pos != text.length()) {
      throw parser.error("trailing characters");
    }
    return value;
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Object value() {
      skipWhitespace();
      if (pos >= text.length()) {
        throw error("unexpected end");
      }
      char c = text.charAt(pos);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          return number();
      }
    }

    private Map<String, Object> object() {
      pos++; // {
      Map<String, Object> map = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return Collections.unmodifiableMap(map);
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a string key");
        }
        String key = string();
        skipWhitespace();
        expect(':');
        map.put(key, value());
        skipWhitespace();
        char c = next();
        if (c == '}') {
          return Collections.unmodifiableMap(map);
        }
        if (c != ',') {
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> array() {
      pos++; // [
      List<Object> list = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return Collections.unmodifiableList(list);
      }
      while (true) {
        list.add(value());
        skipWhitespace();
        char c = next();
        if (c == ']') {
          return Collections.unmodifiableList(list);
        }
        if (c != ',') {
          throw error("expected ',' or ']'");
        }
      }
    }

    private String string() {
      pos++; // opening quote
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char escaped = next();
        switch (escaped) {
          case '"', '\\', '/' -> out.append(escaped);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("truncated \\u escape");
            }
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> throw error("unknown escape \\" + escaped);
        }
      }
    }

    private Object number() {
      int start = pos;
      while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      String token = text.substring(start, pos);
      if (token.isEmpty()) {
        throw error("unexpected character");
      }
      try {
        if (token.indexOf('.') < 0 && token.indexOf('e') < 0 && token.indexOf('E') < 0) {
          long value = Long.parseLong(token);
          if (value == (int) value) {
            return Integer.valueOf((int) value); // not a ternary: it would promote to Long
          }
          return Long.valueOf(value);
        }
        return Double.valueOf(token);
      } catch (NumberFormatException e) {
        throw error("bad number '" + token + "'");
      }
    }

    private Object literal(String word, Object value) {
      if (!text.startsWith(word, pos)) {
        throw error("unexpected character");
      }
      pos += word.length();
      return value;
    }

    private void expect(char c) {
      if (next() != c) {
        throw error("expected '" + c + "'");
      }
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
      if (pos >= text.length()) {
        throw error("unexpected end");
      }
      return text.charAt(pos++);
    }

    void skipWhitespace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("Invalid JSON at position " + pos + ": " + what);
    }
  }
}
