package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The relay readiness script run by /bin/sh against a local HTTP server that answers as nwaku's
 * REST /health does: 200 with the JSON report whether relay has peers or not (the report's shape
 * from waku/waku_api/rest/health/types.nim at v0.36.0, relay entries from getRelayHealth).
 */
class NodeProbesTest {
  static final String NO_PEERS =
      "{\"nodeHealth\":\"READY\",\"protocolsHealth\":[{\"Relay\":\"NOT_READY\","
          + "\"desc\":\"No connected peers\"},{\"Rln Relay\":\"READY\",\"desc\":null}]}";
  static final String PEERS =
      "{\"nodeHealth\":\"READY\",\"protocolsHealth\":[{\"Relay\":\"READY\","
          + "\"desc\":null},{\"Rln Relay\":\"NOT_MOUNTED\",\"desc\":null}]}";

  record Outcome(int exit, String output) {}

  static Outcome probe(int status, String body) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    try {
      String script =
          NodeProbes.RELAY_READY_SCRIPT.replace(
              "127.0.0.1:" + WakuPorts.REST, "127.0.0.1:" + server.getAddress().getPort());
      Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      return new Outcome(
          p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void readyOnlyWhenRelayReportsAConnectedPeer() throws Exception {
    assertThat(probe(200, PEERS).exit()).isZero();
    Outcome alone = probe(200, NO_PEERS);
    assertThat(alone.exit()).isEqualTo(1);
    assertThat(alone.output()).startsWith("relay has no connected peer: {\"nodeHealth\"");
  }

  @Test
  void rlnRelayReadyIsNotRelayReady() throws Exception {
    String onlyRln =
        "{\"nodeHealth\":\"READY\",\"protocolsHealth\":[{\"Rln Relay\":\"READY\","
            + "\"desc\":null}]}";
    assertThat(probe(200, onlyRln).exit()).isEqualTo(1);
  }

  @Test
  void aFailingReportIsNotReady() throws Exception {
    Outcome failed = probe(503, "Health check failed");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.output()).contains("REST /health not answering");
  }

  @Test
  void aClosedPortIsNotReady() throws IOException, InterruptedException {
    String script = NodeProbes.RELAY_READY_SCRIPT.replace(":" + WakuPorts.REST + "/", ":1/");
    Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
  }
}
