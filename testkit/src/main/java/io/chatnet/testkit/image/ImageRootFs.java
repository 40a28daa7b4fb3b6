package io.chatnet.testkit.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An image's layers unpacked into a directory, and its entrypoint run there as a container runtime
 * would run it: its own root directory, mount and pid namespaces with a fresh /proc, the standard
 * devices and an /etc/hosts, the image's user, working directory and environment (nothing of the
 * host's), and the host's network (so it reaches servers on loopback). Needs root, as {@code
 * unshare}, {@code mknod} and file owners do; CI runs as root.
 */
public final class ImageRootFs {
  private final ImageTarball image;
  private final Path root;

  private ImageRootFs(ImageTarball image, Path root) {
    this.image = image;
    this.root = root;
  }

  /** Unpacks the layers in order with GNU tar (owners, modes and links as the layers say). */
  public static ImageRootFs unpack(ImageTarball image, Path root)
      throws IOException, InterruptedException {
    requireRoot();
    Files.createDirectories(root);
    // The image's "/": others (the image's user) must be able to enter it, whatever the temp dir
    // had.
    Files.setPosixFilePermissions(
        root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path layer : image.layers()) {
      if (image.layerEntries(image.layers().indexOf(layer)).stream()
          .anyMatch(name -> name.contains(".wh."))) {
        throw new IOException(layer + " has whiteout entries, which this unpacker does not apply");
      }
      Result untar =
          run(
              List.of(
                  "tar",
                  "--extract",
                  "--file=" + layer,
                  "--directory=" + root,
                  "--same-owner",
                  "--same-permissions",
                  "--numeric-owner",
                  "--warning=no-unknown-keyword"),
              Map.of(),
              Duration.ofMinutes(2));
      if (untar.exitCode() != 0) {
        throw new IOException("unpacking " + layer + " failed: " + untar.output());
      }
    }
    provideWhatARuntimeProvides(root);
    return new ImageRootFs(image, root);
  }

  /** Character devices every OCI runtime creates in a container's /dev (major 1 or 5, minor). */
  private static final Map<String, String> DEVICES =
      Map.of("null", "1 3", "zero", "1 5", "full", "1 7", "random", "1 8", "urandom", "1 9");

  /**
   * What the runtime and the kubelet put into a container on top of the image: the standard devices
   * (without /dev/urandom the JVM seeds SecureRandom from thread timing, seconds at start-up) and
   * an /etc/hosts for localhost.
   */
  private static void provideWhatARuntimeProvides(Path root)
      throws IOException, InterruptedException {
    Path dev = Files.createDirectories(root.resolve("dev"));
    for (var device : DEVICES.entrySet()) {
      String[] number = device.getValue().split(" ");
      Result made =
          run(
              List.of(
                  "mknod",
                  "--mode=666",
                  dev.resolve(device.getKey()).toString(),
                  "c",
                  number[0],
                  number[1]),
              Map.of(),
              Duration.ofSeconds(10));
      if (made.exitCode() != 0) {
        throw new IOException("mknod /dev/" + device.getKey() + " failed: " + made.output());
      }
    }
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost\n");
  }

  public Path root() {
    return root;
  }

  /** A path inside the image (absolute in the image) as a path on the host. */
  public Path resolve(String pathInImage) {
    return root.resolve(pathInImage.replaceFirst("^/+", ""));
  }

  /**
   * Every file and directory outside {@code /tmp} and {@code /proc} with its size and time: compare
   * two snapshots to see whether a program wrote anywhere a read-only root file system forbids.
   */
  public Map<String, String> snapshotOutsideScratch() throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    try (var paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String inImage = "/" + root.relativize(path);
        if (inImage.matches("/(tmp|proc)(/.*)?")) {
          continue;
        }
        var attributes =
            Files.readAttributes(
                path, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        files.put(inImage, attributes.size() + " " + attributes.lastModifiedTime());
      }
    }
    return files;
  }

  /** Paths added, removed or changed between two snapshots. */
  public static List<String> changes(Map<String, String> before, Map<String, String> after) {
    java.util.TreeSet<String> paths = new java.util.TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    paths.removeIf(path -> java.util.Objects.equals(before.get(path), after.get(path)));
    return List.copyOf(paths);
  }

  /** The command line the image runs: its entrypoint, then {@code args} (or the image's Cmd). */
  public List<String> commandLine(List<String> args) {
    List<String> command = new ArrayList<>(image.entrypoint());
    command.addAll(args.isEmpty() ? image.cmd() : args);
    return command;
  }

  /** Runs the image's entrypoint with {@code args} and waits for it. */
  public Result runEntrypoint(List<String> args, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    return run(inContainer(commandLine(args)), environment(env), timeout);
  }

  /** Runs any command of the image (e.g. its java -version) as the image's user. */
  public Result runCommand(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    return run(inContainer(command), environment(Map.of()), timeout);
  }

  /** Starts the image's entrypoint and returns at once; output goes to {@code log}. */
  public Container startEntrypoint(List<String> args, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(inContainer(commandLine(args)));
    builder.environment().clear();
    builder.environment().putAll(environment(env));
    return new Container(builder.redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  /** A started entrypoint: {@code unshare} with the image's process as its only child. */
  public static final class Container {
    private final Process unshare;

    Container(Process unshare) {
      this.unshare = unshare;
    }

    public boolean isAlive() {
      return unshare.isAlive();
    }

    /**
     * Stops it as a runtime does: SIGTERM to the container's first process (unshare itself ignores
     * it), SIGKILL after {@code grace}. Returns the exit code.
     */
    public int stop(Duration grace) throws InterruptedException {
      unshare.toHandle().children().forEach(ProcessHandle::destroy);
      if (!unshare.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        unshare.destroyForcibly().waitFor();
      }
      return unshare.exitValue();
    }
  }

  private List<String> inContainer(List<String> command) {
    String[] user = image.user().split(":");
    if (!user[0].matches("\\d+") || (user.length > 1 && !user[1].matches("\\d+"))) {
      throw new IllegalStateException(
          "image user '"
              + image.user()
              + "' is not numeric uid[:gid]; Kubernetes' runAsNonRoot needs a number");
    }
    List<String> line =
        new ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "--pid",
                "--fork",
                "--kill-child",
                "--root=" + root,
                "--mount-proc=/proc",
                "--wd=" + image.workingDir(),
                "--setuid=" + user[0],
                "--setgid=" + (user.length > 1 ? user[1] : user[0]),
                "--"));
    line.addAll(command);
    return line;
  }

  private Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new java.util.LinkedHashMap<>(image.env());
    env.putAll(extra);
    return env;
  }

  private static Result run(List<String> command, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (!env.isEmpty()) {
      builder.environment().clear();
      builder.environment().putAll(env);
    }
    Path out = Files.createTempFile("image-run", ".log");
    try {
      Process process = builder.redirectOutput(out.toFile()).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IOException(
            String.join(" ", command)
                + " did not finish in "
                + timeout
                + ":\n"
                + Files.readString(out));
      }
      return new Result(process.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static void requireRoot() throws IOException, InterruptedException {
    Result id = run(List.of("id", "-u"), Map.of(), Duration.ofSeconds(10));
    if (!id.output().strip().equals("0")) {
      throw new IllegalStateException(
          "running an image from its layers needs root (unshare, chroot, file owners); CI runs as root");
    }
  }

  /** Exit code and combined stdout/stderr of a finished command. */
  public record Result(int exitCode, String output) {}
}
