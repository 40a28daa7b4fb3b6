package io.chatnet.loadgen.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * status-backend's API as one status-go version serves it, read from the upstream lists under
 * src/test/resources/upstream/&lt;version&gt;/ (each headed by repo, commit and file): routes,
 * request fields and JSON-RPC method signatures. The stand-in enforces it and the conformance test
 * checks the load generator against it.
 */
public final class UpstreamApi {
  /** How a status-backend route answers. */
  public enum Route {
    WITH_REQUEST,
    WITHOUT_REQUEST,
    UNSUPPORTED
  }

  /** One positional JSON-RPC parameter: its Go type as written upstream. */
  public record Param(String name, String goType) {
    /** A pointer, slice, map or interface may be left out (go-ethereum's rpc treats it as nil). */
    boolean optional() {
      return goType.startsWith("*")
          || goType.startsWith("[]")
          || goType.startsWith("map[")
          || goType.equals("interface{}");
    }
  }

  /** A JSON-RPC method: the params a caller sends (injected context.Context left out). */
  public record Method(String name, List<Param> params) {}

  private final String version;
  private final Set<String> paths = new LinkedHashSet<>();
  private final Map<String, Route> functions = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> requests = new LinkedHashMap<>();
  private final Map<String, Method> methods = new LinkedHashMap<>();

  private static final Pattern SIGNATURE = Pattern.compile("^(\\w+)\\((.*?)\\)(\\s.*)?$");

  private UpstreamApi(String version) {
    this.version = version;
    for (String line : lines(version, "endpoints.txt")) {
      String[] parts = line.split("\\s+");
      if (parts[0].equals("ROUTE")) {
        paths.add(parts[1]);
      } else {
        functions.put(parts[1], Route.valueOf(parts[0]));
      }
    }
    for (String line : lines(version, "requests.txt")) {
      String[] parts = line.split("\\s+");
      requests.computeIfAbsent(parts[0], k -> new LinkedHashMap<>()).put(parts[1], parts[2]);
    }
    for (String line : lines(version, "rpc-methods.txt")) {
      Method method = parseSignature(line);
      methods.put(method.name(), method);
    }
  }

  private static final Map<String, UpstreamApi> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static UpstreamApi of(String version) {
    return CACHE.computeIfAbsent(version, UpstreamApi::new);
  }

  public String version() {
    return version;
  }

  /** A path outside /statusgo/ that upstream serves (/signals, /health). */
  public boolean servesPath(String path) {
    return paths.contains(path);
  }

  public Optional<Route> route(String function) {
    return Optional.ofNullable(functions.get(function));
  }

  /**
   * The Go type kind of a request field as upstream's JSON decoding matches it: exact json name,
   * else case-insensitively (encoding/json).
   */
  public Optional<String> fieldKind(String requestType, String key) {
    Map<String, String> fields = requests.get(requestType);
    if (fields == null) {
      throw new IllegalArgumentException(version + " lists no request type " + requestType);
    }
    if (fields.containsKey(key)) {
      return Optional.of(fields.get(key));
    }
    String lower = key.toLowerCase(Locale.ROOT);
    return fields.entrySet().stream()
        .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(lower))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  public boolean hasRequestType(String requestType) {
    return requests.containsKey(requestType);
  }

  public Optional<Method> method(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  /**
   * Parses {@code name(a T, b, c U, d context.Context) results}: Go lets consecutive params share a
   * type; a {@code context.Context} param is injected by go-ethereum's rpc server and takes no JSON
   * value (ext.Context, written {@code Context}, is a struct and does).
   */
  static Method parseSignature(String line) {
    Matcher m = SIGNATURE.matcher(line.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Go signature: " + line);
    }
    List<String> pieces = splitTopLevel(m.group(2));
    List<String[]> named = new ArrayList<>();
    for (String piece : pieces) {
      String p = piece.trim();
      if (p.isEmpty()) {
        continue;
      }
      int space = p.indexOf(' ');
      named.add(
          space < 0
              ? new String[] {p, null}
              : new String[] {p.substring(0, space), p.substring(space + 1).trim()});
    }
    // a name without a type takes the type of the next param that has one
    String type = null;
    for (int i = named.size() - 1; i >= 0; i--) {
      if (named.get(i)[1] != null) {
        type = named.get(i)[1];
      } else {
        named.get(i)[1] = type;
      }
    }
    List<Param> params = new ArrayList<>();
    for (String[] p : named) {
      if (!p[1].equals("context.Context")) {
        params.add(new Param(p[0], p[1]));
      }
    }
    return new Method(m.group(1), List.copyOf(params));
  }

  private static List<String> splitTopLevel(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString());
    return out;
  }

  /** A problem upstream would have with a request: a Go JSON error, or a key it never reads. */
  public record Problem(String where, String message, boolean fatal) {
    @Override
    public String toString() {
      return where + ": " + message;
    }
  }

  /**
   * What upstream's encoding/json makes of {@code body} decoded into {@code requestType}: a value
   * of the wrong type is an error (fatal, the call fails); a key no field matches is dropped
   * silently (not fatal upstream, but a switch sent there does nothing).
   */
  public List<Problem> checkBody(String where, String requestType, Map<String, Object> body) {
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, Object> e : body.entrySet()) {
      Optional<String> kind = fieldKind(requestType, e.getKey());
      if (kind.isEmpty()) {
        problems.add(
            new Problem(
                where,
                "key '" + e.getKey() + "' is no field of " + requestType + " in " + version,
                false));
      } else if (!fits(kind.get(), e.getValue())) {
        problems.add(
            new Problem(
                where,
                "json: cannot unmarshal "
                    + jsonType(e.getValue())
                    + " into Go struct field "
                    + requestType
                    + "."
                    + e.getKey()
                    + " of type "
                    + goName(kind.get()),
                true));
      }
    }
    return problems;
  }

  /**
   * What go-ethereum's rpc server makes of positional {@code params} for {@code method}: unknown
   * method (-32601), too many or missing arguments, or an argument of the wrong type (-32602);
   * request objects are checked like {@link #checkBody}.
   */
  public List<Problem> checkRpc(String method, List<Object> params) {
    List<Problem> problems = new ArrayList<>();
    Optional<Method> found = method(method);
    if (found.isEmpty()) {
      problems.add(
          new Problem(method, "the method " + method + " does not exist/is not available", true));
      return problems;
    }
    List<Param> want = found.get().params();
    if (params.size() > want.size()) {
      problems.add(new Problem(method, "too many arguments, want at most " + want.size(), true));
      return problems;
    }
    if (method.equals("settings_saveSetting") && hasRequestType("Settings") && !params.isEmpty()) {
      // SettingsAPI.SaveSetting looks the key up among multiaccounts/settings/columns.go's fields
      String key = String.valueOf(params.get(0));
      Optional<String> kind = Optional.ofNullable(requests.get("Settings").get(key));
      if (kind.isEmpty()) {
        problems.add(
            new Problem(method, "setting '" + key + "' is not listed for " + version, true));
      } else if (params.size() > 1 && !fits(kind.get(), params.get(1))) {
        problems.add(
            new Problem(method, "setting '" + key + "' takes a " + kind.get() + " value", true));
      }
    }
    for (int i = 0; i < want.size(); i++) {
      Param param = want.get(i);
      if (i >= params.size()) {
        if (!param.optional()) {
          problems.add(new Problem(method, "missing value for required argument " + i, true));
        }
        continue;
      }
      Object value = params.get(i);
      String goType = param.goType();
      if (!fitsGo(goType, value)) {
        problems.add(
            new Problem(
                method,
                "invalid argument "
                    + i
                    + ": json: cannot unmarshal "
                    + jsonType(value)
                    + " into Go value of type "
                    + goType,
                true));
        return problems; // go-ethereum stops at the first argument it cannot decode
      } else if (goType.startsWith("*requests.") && value instanceof Map<?, ?> object) {
        String type = goType.substring("*requests.".length());
        if (hasRequestType(type)) {
          @SuppressWarnings("unchecked")
          Map<String, Object> fields = (Map<String, Object>) object;
          problems.addAll(checkBody(method + " argument " + i, type, fields));
        }
      }
    }
    return problems;
  }

  private static boolean fitsGo(String goType, Object value) {
    if (value == null) {
      return true; // null leaves a Go value unset
    }
    return switch (goType) {
      case "string" -> value instanceof String;
      case "bool" -> value instanceof Boolean;
      case "int", "int64", "uint64", "uint32", "uint" -> isInteger(value);
      case "[]string" ->
          value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String);
      case "Context" -> value instanceof Map<?, ?>; // ext.Context, a struct
      case "types.HexBytes" -> fits("hexbytes", value);
      default -> !goType.startsWith("*requests.") || value instanceof Map<?, ?>;
    };
  }

  static boolean fits(String kind, Object value) {
    if (value == null) {
      return true;
    }
    return switch (kind) {
      case "string" -> value instanceof String;
      case "bool" -> value instanceof Boolean;
      case "int" -> isInteger(value);
      case "object" -> value instanceof Map<?, ?>;
      case "array" -> value instanceof List<?>;
      case "hexbytes" -> value instanceof String s && s.matches("0[xX]([0-9a-fA-F]{2})*");
      default -> true;
    };
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof java.math.BigInteger;
  }

  private static String goName(String kind) {
    return switch (kind) {
      case "object" -> "struct";
      case "array" -> "slice";
      case "hexbytes" -> "types.HexBytes";
      default -> kind;
    };
  }

  static String jsonType(Object value) {
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof List<?>) {
      return "array";
    }
    return value == null ? "null" : "object";
  }

  private static List<String> lines(String version, String file) {
    String resource = "/upstream/" + version + "/" + file;
    try (InputStream in = UpstreamApi.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no upstream list " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
