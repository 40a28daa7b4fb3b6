package io.chatnet.operator.network;

import io.chatnet.operator.api.NodeVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One release's option list (src/test/resources/upstream/&lt;version&gt;-options.tsv, extracted
 * from the tag's confutils object) and a checker that says what nwaku's parser (nim-confutils)
 * would refuse in a command line: unknown options, values that do not parse as the option's type,
 * and a single-valued option given twice (confutils would silently keep the last one).
 */
public final class UpstreamOptions {
  /** One option: its declared Nim type and default, as written in the source. */
  public record Option(String name, String type, String defaultValue) {}

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern HEX_KEY = Pattern.compile("(0x)?[0-9A-Fa-f]{64}");
  private static final Set<String> BOOLS =
      Set.of("true", "false", "yes", "no", "on", "off", "1", "0", "y", "n");

  private final String header;
  private final Map<String, Option> options;

  private UpstreamOptions(String header, Map<String, Option> options) {
    this.header = header;
    this.options = options;
  }

  public static UpstreamOptions of(NodeVersion version) {
    String resource = "/upstream/" + version.id() + "-options.tsv";
    try (InputStream in = UpstreamOptions.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no option list " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static UpstreamOptions parse(String text) {
    String header = text.lines().findFirst().orElse("");
    Map<String, Option> options = new LinkedHashMap<>();
    for (String line : text.lines().toList()) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length != 3 || !cols[0].startsWith("--")) {
        throw new IllegalArgumentException("bad option line: " + line);
      }
      String name = cols[0].substring(2);
      options.put(name, new Option(name, cols[1].strip(), cols[2].strip()));
    }
    return new UpstreamOptions(header, options);
  }

  /** The first line: repository, tag, commit and file the list was read from. */
  public String header() {
    return header;
  }

  public java.util.Optional<Option> option(String name) {
    return java.util.Optional.ofNullable(options.get(name));
  }

  /** Problems nwaku would have with this command line; empty when it accepts every flag. */
  public List<String> check(List<String> argv) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String arg : argv) {
      if (!arg.startsWith("--")) {
        problems.add(arg + ": not a --option");
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      Option option = options.get(name);
      if (option == null) {
        problems.add(arg + ": unknown option --" + name);
        continue;
      }
      String type = option.type();
      boolean repeated = type.startsWith("seq[");
      if (repeated) {
        type = type.substring(4, type.length() - 1);
      }
      if (seen.merge(name, 1, Integer::sum) > 1 && !repeated) {
        problems.add(
            arg + ": --" + name + " takes one value (" + option.type() + ") but is repeated");
      }
      if (type.startsWith("Option[")) {
        type = type.substring(7, type.length() - 1);
      }
      String typeProblem = checkValue(type, value);
      if (typeProblem != null) {
        problems.add(arg + ": " + typeProblem);
      }
    }
    return problems;
  }

  /** Why {@code value} does not parse as Nim type {@code type} in confutils, or null if it does. */
  static String checkValue(String type, String value) {
    return switch (type) {
      case "bool" ->
          value.isEmpty() || BOOLS.contains(value.toLowerCase(java.util.Locale.ROOT))
              ? null
              : "not a bool: " + value;
      case "uint16", "Port" -> range(value, BigInteger.ZERO, BigInteger.valueOf(65535));
      case "uint32" -> range(value, BigInteger.ZERO, BigInteger.valueOf(4294967295L));
      case "uint", "uint64" ->
          range(value, BigInteger.ZERO, BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
      case "int", "int64" ->
          range(
              value,
              BigInteger.TWO.pow(63).negate(),
              BigInteger.TWO.pow(63).subtract(BigInteger.ONE));
      case "IpAddress" ->
          IPV4.matcher(value).matches() || IPV6.matcher(value).matches()
              ? null
              : "not an IP address: " + value;
      case "PrivateKey" -> HEX_KEY.matcher(value).matches() ? null : "not a 32-byte hex key";
      case "string" -> null;
      // nwaku v0.36.0's parseCmdArg(EthRpcUrl) pattern (waku/factory/external_config.nim), the
      // stricter of the supported tags'
      case "EthRpcUrl" ->
          value.matches("^(https?)://([\\w-]+(\\.[\\w-]+)*)(:[0-9]{1,5})?(/[\\w.,@?^=%&:/~+#-]*)?$")
              ? null
              : "not an http(s) RPC URL: " + value;
      case "WakuMode" -> Set.of("noMode", "Core", "Edge").contains(value) ? null : "not a WakuMode";
      default -> "no checker for type " + type + " (value " + value + ")";
    };
  }

  private static String range(String value, BigInteger min, BigInteger max) {
    try {
      BigInteger n = new BigInteger(value);
      return n.compareTo(min) < 0 || n.compareTo(max) > 0
          ? value + " is outside " + min + ".." + max
          : null;
    } catch (NumberFormatException e) {
      return "not an integer: " + value;
    }
  }
}
