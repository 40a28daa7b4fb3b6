package io.chatnet.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The operator's default load generator image is the one the build names (chatnet.image.loadgen in
 * pom.xml), filled into application.properties by resource filtering, not typed a second time.
 */
class ApplicationPropertiesTest {
  @Test
  void defaultLoadGeneratorImageComesFromTheBuild() throws Exception {
    Properties properties = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
      properties.load(in);
    }
    String expected = System.getProperty("chatnet.image.loadgen");
    assertThat(expected).as("surefire passes the build's image name").isNotBlank();
    assertThat(properties.getProperty("chatnet.images.loadgen"))
        .isEqualTo(expected)
        .doesNotContain("@")
        .matches("[a-z0-9./_-]+(:[0-9]+)?(/[a-z0-9._-]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  }
}
