package io.chatnet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NodeVersionTest {
  static List<String> celList(String cel) {
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("'([^']*)'").matcher(cel);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Test
  void theAdmissionRuleListsExactlyTheVersionsOfEachKind() {
    assertThat(celList(NodeVersion.NWAKU_IDS_CEL))
        .isEqualTo(NodeVersion.of(GroupKind.NWAKU).stream().map(NodeVersion::id).toList())
        .containsExactly("nwaku-v0.36.0", "nwaku-v0.37.1-beta", "logos-delivery-v0.38.1");
    assertThat(celList(NodeVersion.CLIENT_IDS_CEL))
        .isEqualTo(NodeVersion.of(GroupKind.STATUS_BACKEND).stream().map(NodeVersion::id).toList())
        .containsExactly("status-go-c72f4913", "status-go-b22c58bd");
  }

  @Test
  void eachKindDefaultsToOneOfItsOwnVersions() {
    assertThat(NodeVersion.defaultFor(GroupKind.NWAKU)).isEqualTo(NodeVersion.NWAKU_V0_36_0);
    assertThat(NodeVersion.defaultFor(GroupKind.STATUS_BACKEND))
        .isEqualTo(NodeVersion.STATUS_GO_B22C58BD);
  }

  @Test
  void nodeImagesArePinnedToTheirReleaseTag() {
    for (NodeVersion v : NodeVersion.of(GroupKind.NWAKU)) {
      assertThat(v.node().defaultImage()).as(v.id()).endsWith(":" + v.upstream().tag());
      assertThat(v.node().binary()).isEqualTo("/usr/bin/wakunode");
      assertThat(v.upstream().commit()).matches("[0-9a-f]{40}");
    }
    for (NodeVersion v : NodeVersion.of(GroupKind.STATUS_BACKEND)) {
      assertThat(v.id()).isEqualTo("status-go-" + v.upstream().commit().substring(0, 8));
    }
  }
}
