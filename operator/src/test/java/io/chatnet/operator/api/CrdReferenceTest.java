package io.chatnet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/reference/crds.md is generated from crds/ and the build fails when it is stale. {@code make
 * crds} regenerates it after the CRDs (this test with -Dchatnet.crds.update=true).
 */
class CrdReferenceTest {
  static Path referenceFile() {
    return Path.of(System.getProperty("chatnet.repo.dir", "..")).resolve("docs/reference/crds.md");
  }

  final String generated = CrdReference.markdown(CrdReference.read(CrdFilesTest.crdsDir()));

  @Test
  void committedReferenceMatchesTheCrds() throws IOException {
    GeneratedFile.assertCommitted(referenceFile(), generated);
  }

  /** Facts from the API classes that a reader must find in the reference, one of each kind. */
  @Test
  void everyKindOfSchemaFactIsThere() {
    assertThat(generated)
        .contains("## ChatNetwork\n", "## ChatExperiment\n")
        .contains("`chatnet.io/v1alpha1`, namespaced, plural `chatnetworks`, short names `cnet`")
        // type, default, bounds and description of a plain field
        .containsPattern(
            "\\| `spec.clusterId` \\| integer \\|  \\| `16` \\| 0 ≤ x ≤ 65535 \\| Waku cluster id")
        // a required field inside a list of objects, with a pattern and length
        .containsPattern("\\| `spec.groups\\[\\].name` \\| string \\| yes \\| [^|]*\\| [^|]*length")
        // an enum
        .containsPattern("\\| `spec.discovery.mode` \\| string \\|[^\\n]*one of `discv5`, `static`")
        // a map of quantities
        .contains("map[string]int or string")
        // a CEL rule with its message and the field it reports
        .contains(
            "| `spec.discovery` | `self.mode == 'static' ? has(self.degree) : !has(self.degree)`"
                + " | degree is required with mode static and only allowed with it"
                + " | `spec.discovery.degree` |")
        // printer columns
        .contains("| Phase | `.status.phase` |");
  }

  @Test
  void tableCellsStayOnOneLineWithPipesEscaped() {
    assertThat(CrdReference.text("a || b\n   <c>")).isEqualTo("a \\|\\| b &lt;c>");
    assertThat(CrdReference.code("a || <b>")).isEqualTo("`a \\|\\| <b>`");
    assertThat(CrdReference.code("x `y`")).isEqualTo("`` x `y` ``");
    assertThat(CrdReference.plain(65535.0)).isEqualTo("65535");
    assertThat(CrdReference.plain(0.5)).isEqualTo("0.5");
  }
}
