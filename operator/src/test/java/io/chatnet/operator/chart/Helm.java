package io.chatnet.operator.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pinned helm from the tool cache, through {@code cluster/scripts/helm.sh} (which says how to
 * build it when it is missing), and the chart in {@code helm/chatnet}.
 */
public final class Helm {
  static final KubernetesSerialization YAML = new KubernetesSerialization();

  private Helm() {}

  /** What one helm command did. */
  public record Result(int exit, String out, String err) {}

  public static Path repo() {
    return Path.of(System.getProperty("chatnet.repo.dir", "..")).toAbsolutePath().normalize();
  }

  public static Path chart() {
    return repo().resolve("helm").resolve("chatnet");
  }

  /** Runs helm and returns what it did, whatever its exit code. */
  public static Result run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(repo().resolve("cluster/scripts/helm.sh").toString());
    command.addAll(args);
    try {
      Path out = Files.createTempFile("helm", ".out");
      Path err = Files.createTempFile("helm", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IllegalStateException("helm did not finish in 2 minutes: " + command);
        }
        return new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs helm and returns its output; a failure throws with helm's own message. */
  public static String ok(List<String> args) {
    Result result = run(args);
    if (result.exit() != 0) {
      throw new IllegalStateException(
          "helm " + String.join(" ", args) + " failed (" + result.exit() + "): " + result.err());
    }
    return result.out();
  }

  /** {@code helm template} of a chart into objects, in the order helm renders them. */
  public static List<HasMetadata> template(
      Path chart, String release, String namespace, String... options) {
    List<String> args = new ArrayList<>(List.of("template", release, chart.toString()));
    args.addAll(List.of("--namespace", namespace));
    args.addAll(List.of(options));
    return parse(ok(args));
  }

  /** Multi-document YAML into objects (unknown kinds as generic resources). */
  public static List<HasMetadata> parse(String yaml) {
    Object parsed = YAML.unmarshal(yaml);
    List<HasMetadata> objects = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof HasMetadata object) {
          objects.add(object);
        }
      }
    } else if (parsed instanceof HasMetadata object) {
      objects.add(object);
    } else if (parsed != null && !(parsed instanceof KubernetesResource)) {
      throw new IllegalStateException("not Kubernetes objects: " + parsed.getClass());
    }
    return objects;
  }
}
