package io.chatnet.testkit.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A container image saved as a tarball in the Docker "save" layout (what Jib's buildTar writes):
 * {@code manifest.json}, the image config, and one blob per layer. Read with a tar library and
 * Jackson, so a test can check what a container runtime would see.
 */
public final class ImageTarball {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path tarball;
  private final List<String> repoTags;
  private final JsonNode config;
  private final List<Path> layers;

  private ImageTarball(Path tarball, List<String> repoTags, JsonNode config, List<Path> layers) {
    this.tarball = tarball;
    this.repoTags = repoTags;
    this.config = config;
    this.layers = layers;
  }

  /** The system properties the image builds pass to their tests (the profile "images"). */
  public static final String TARBALL_PROPERTY = "chatnet.image.tarball";

  public static final String NAME_PROPERTY = "chatnet.image.name";

  /** The tarball this module's build wrote, read into {@code work}. */
  public static ImageTarball built(Path work) throws IOException {
    String tarball = System.getProperty(TARBALL_PROPERTY);
    if (tarball == null) {
      throw new IllegalStateException(
          TARBALL_PROPERTY
              + " is not set: image tests run in the build's images profile (make images)");
    }
    return read(Path.of(tarball), work);
  }

  /** The name and tag the build gave the image. */
  public static String builtName() {
    return System.getProperty(NAME_PROPERTY);
  }

  /** Unpacks the tarball's entries (manifest, config, layer blobs) into {@code work}. */
  public static ImageTarball read(Path tarball, Path work) throws IOException {
    if (!Files.isRegularFile(tarball)) {
      throw new IllegalArgumentException(
          tarball + " does not exist: build the images first (make images)");
    }
    Path blobs = Files.createDirectories(work.resolve("blobs"));
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tarball))) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path target = blobs.resolve(entry.getName()).normalize();
        if (!target.startsWith(blobs)) {
          throw new IOException("entry outside the tarball: " + entry.getName());
        }
        if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
    JsonNode manifests = JSON.readTree(blobs.resolve("manifest.json").toFile());
    if (manifests.size() != 1) {
      throw new IOException(tarball + " holds " + manifests.size() + " images, expected one");
    }
    JsonNode manifest = manifests.get(0);
    List<String> tags = new ArrayList<>();
    manifest.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
    List<Path> layers = new ArrayList<>();
    manifest.path("Layers").forEach(layer -> layers.add(blobs.resolve(layer.asText())));
    JsonNode config = JSON.readTree(blobs.resolve(manifest.path("Config").asText()).toFile());
    return new ImageTarball(tarball, List.copyOf(tags), config, List.copyOf(layers));
  }

  public Path tarball() {
    return tarball;
  }

  public List<String> repoTags() {
    return repoTags;
  }

  /** The whole image config (architecture, os, config, rootfs, history). */
  public JsonNode config() {
    return config;
  }

  public List<Path> layers() {
    return layers;
  }

  public List<String> entrypoint() {
    return strings(config.path("config").path("Entrypoint"));
  }

  public List<String> cmd() {
    return strings(config.path("config").path("Cmd"));
  }

  public String user() {
    return config.path("config").path("User").asText("");
  }

  public String workingDir() {
    return config.path("config").path("WorkingDir").asText("/");
  }

  /** Environment variables in the order the image sets them. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String pair : strings(config.path("config").path("Env"))) {
      int eq = pair.indexOf('=');
      env.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return env;
  }

  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    config
        .path("config")
        .path("Labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  public List<String> exposedPorts() {
    List<String> ports = new ArrayList<>();
    config.path("config").path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    return ports;
  }

  public List<String> diffIds() {
    return strings(config.path("rootfs").path("diff_ids"));
  }

  /**
   * The sha256 of each layer's uncompressed content, which a runtime checks against the config's
   * diff_ids before it trusts the layer.
   */
  public List<String> computedDiffIds() throws IOException {
    List<String> ids = new ArrayList<>();
    for (Path layer : layers) {
      try (InputStream raw = Files.newInputStream(layer);
          InputStream data = gzipped(layer) ? new GzipCompressorInputStream(raw) : raw;
          DigestInputStream digest = new DigestInputStream(data, sha256())) {
        digest.transferTo(OutputStream.nullOutputStream());
        ids.add("sha256:" + HexFormat.of().formatHex(digest.getMessageDigest().digest()));
      }
    }
    return ids;
  }

  /** Entry names of one layer, e.g. to see which layer carries the application. */
  public List<String> layerEntries(int index) throws IOException {
    Path layer = layers.get(index);
    List<String> names = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(layer);
        InputStream data = gzipped(layer) ? new GzipCompressorInputStream(raw) : raw;
        TarArchiveInputStream in = new TarArchiveInputStream(data)) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }

  private static boolean gzipped(Path layer) throws IOException {
    try (InputStream in = Files.newInputStream(layer)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
