package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.standin.StatusBackendStandIn;
import io.chatnet.testkit.image.BuiltImageTest;
import io.chatnet.testkit.image.ImageRootFs;
import io.chatnet.testkit.image.ImageTarball;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load generator's image tarball (target/jib-image.tar, `make images`): its name and config as
 * the build set them, and its entrypoint run from its own layers, as a container runtime would run
 * it, through a short experiment against the status-backend stand-in.
 */
class LoadgenImageIT extends BuiltImageTest {
  @Test
  void nameAndConfigComeFromTheBuild() throws Exception {
    assertThat(image.repoTags()).containsExactly(ImageTarball.builtName());
    assertThat(image.entrypoint())
        .startsWith("/opt/java/bin/java", "-XX:MaxRAMPercentage=75")
        .contains("-XX:+ExitOnOutOfMemoryError")
        // the collector and heap sizing bench/loadgen.md measured memory and latency overhead with
        .contains(
            "-XX:+UseShenandoahGC",
            "-XX:ShenandoahGCMode=generational",
            "-XX:+UseCompactObjectHeaders",
            "-XX:SoftMaxHeapSize=48m",
            "-XX:ShenandoahUncommitDelay=1000",
            "-XX:TrimNativeHeapInterval=1000",
            "--sun-misc-unsafe-memory-access=allow")
        .doesNotContain("-XX:+UseZGC")
        .endsWith("-cp", "@/app/jib-classpath-file", Main.class.getName());
    assertThat(image.cmd()).isEmpty(); // the operator's Job passes the arguments
    assertThat(image.user()).isEqualTo("65532:65532");
    assertThat(image.env()).containsEntry("JAVA_HOME", "/opt/java");
    assertThat(image.labels())
        .containsEntry("org.opencontainers.image.title", "chatnet-loadgen")
        .containsEntry("org.opencontainers.image.version", System.getProperty("chatnet.image.tag"));
    assertThat(image.exposedPorts()).containsExactly("9400/tcp");
    assertThat(image.config().path("architecture").asText()).isEqualTo("amd64");
    assertThat(image.computedDiffIds()).isEqualTo(image.diffIds());
    // The runtime is the base layer; the application's layers carry no second JVM.
    assertThat(image.layerEntries(0)).contains("./opt/java/bin/java");
    List<String> application = new ArrayList<>();
    for (int i = 1; i < image.layers().size(); i++) {
      application.addAll(image.layerEntries(i));
    }
    assertThat(application)
        .anyMatch(e -> e.endsWith("app/classes/io/chatnet/loadgen/Main.class"))
        .anyMatch(e -> e.contains("app/libs/picocli-"))
        .noneMatch(e -> e.contains("opt/java"));
  }

  @Test
  void runtimeIsJava25AndStartsAsTheNonRootUser() throws Exception {
    ImageRootFs.Result version =
        rootFs.runCommand(
            List.of("/opt/java/bin/java", "-XshowSettings:properties", "-version"),
            Duration.ofSeconds(60));
    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output())
        // Java 25 for generational Shenandoah (loadgen/pom.xml, bench/loadgen.md "Seventh check")
        .contains("java.specification.version = 25")
        .contains("user.name = nonroot")
        .contains("openjdk version \"25.");
    assertThat(Files.getAttribute(rootFs.resolve("/tmp"), "unix:mode")).isEqualTo(041777);
  }

  @Test
  void helpThroughTheEntrypoint() throws Exception {
    ImageRootFs.Result help =
        rootFs.runEntrypoint(List.of("--help"), Map.of(), Duration.ofSeconds(60));
    assertThat(help.exitCode()).as(help.output()).isZero();
    assertThat(help.output()).contains("Usage: chatnet-loadgen").contains("--plan=<plan>");
  }

  /**
   * The arguments the operator's Job passes, a plan where its ConfigMap is mounted, and a short
   * window: the image logs clients in over HTTP and websockets, serves metrics, sends, measures,
   * and writes its summary to /tmp only (the pod's root file system is read-only).
   */
  @Test
  void runsAShortExperimentWritingOnlyToTmp() throws Exception {
    try (StatusBackendStandIn standIn = new StatusBackendStandIn(4)) {
      List<Plan.ClientRef> clients = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        clients.add(new Plan.ClientRef("c" + i, standIn.url(i), "desktop"));
      }
      Plan plan =
          new Plan(
              ContractJson.VERSION,
              "image-smoke",
              // Room for a cold JVM on a busy machine: a start instant that has passed sends
              // nothing.
              Instant.now().plusSeconds(10),
              0,
              3,
              1,
              "s",
              clients,
              null,
              List.of(),
              new Plan.Traffic(new Plan.OneToOne(2, 600, 64), null, null),
              null,
              new Plan.ClientSettings("chatnet", "/f.json", false, false, false, true, false, 9100),
              4,
              null,
              0);
      Path planFile = rootFs.resolve("/etc/chatnet/plan/plan.json");
      Files.createDirectories(planFile.getParent());
      Json.MAPPER.writeValue(planFile.toFile(), plan);
      Map<String, String> before = rootFs.snapshotOutsideScratch();

      ImageRootFs.Result run =
          rootFs.runEntrypoint(
              List.of(
                  "--plan",
                  "/etc/chatnet/plan/plan.json",
                  "--metrics-port",
                  String.valueOf(MainProcessTest.freePort()),
                  "--summary",
                  "/tmp/summary.json",
                  "--grace-seconds",
                  "1"),
              Map.of("JOB_COMPLETION_INDEX", "0"),
              Duration.ofSeconds(90));

      assertThat(run.exitCode()).as(run.output()).isZero();
      // Netty's use of sun.misc.Unsafe is allowed by the image's flags, so Java 25 does not warn
      assertThat(run.output()).doesNotContain("sun.misc.Unsafe");
      JsonNode summary = Json.MAPPER.readTree(rootFs.resolve("/tmp/summary.json").toFile());
      assertThat(summary.path("experiment").asText()).isEqualTo("image-smoke");
      assertThat(summary.path("clients").path("ready").asInt()).isEqualTo(4);
      JsonNode oneToOne = summary.path("traffic").path("oneToOne");
      assertThat(oneToOne.path("sent").asLong()).as(run.output()).isPositive();
      assertThat(oneToOne.path("received").asLong()).as(run.output()).isPositive();
      assertThat(ImageRootFs.changes(before, rootFs.snapshotOutsideScratch())).isEmpty();
    }
  }
}
