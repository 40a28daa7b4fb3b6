package io.chatnet.operator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.network.NodeKeySecrets;
import io.chatnet.operator.security.LeakScan.Place;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakScanTest {
  @Test
  void everyKeyOfANetworkHasItsSecretsFormAndTheSeedIsOneOfTheSecrets() {
    ChatNetwork network = Scenarios.network("smoke.yaml", "lab");
    List<SecretForm> forms = KeyMaterial.of(network);
    // boot 1 + relay 8 + store 1 nwaku nodes, eight forms each, and the seed
    assertThat(forms).hasSize(10 * 8 + 1);
    assertThat(forms).anyMatch(f -> f.text().equals(network.getSpec().getSeed()));
    for (NodeGroup group : network.getSpec().getGroups()) {
      if (group.getKind() != io.chatnet.operator.api.GroupKind.NWAKU) {
        continue;
      }
      NodeKeySecrets.build(network, group)
          .forEach(
              s ->
                  s.getData()
                      .forEach(
                          (ordinal, value) ->
                              assertThat(forms)
                                  .contains(
                                      new SecretForm(
                                          group.getName() + "/" + ordinal,
                                          "base64 of the hex text (Secret data)",
                                          value))));
    }
  }

  @Test
  void libp2pEncodingIsTheProtobufOfASecp256k1PrivateKey() {
    String hex = "11".repeat(32);
    assertThat(KeyMaterial.forms("n/0", hex))
        .filteredOn(f -> f.form().equals("libp2p-encoded key, hex"))
        .singleElement()
        .satisfies(f -> assertThat(f.text()).isEqualTo("08021220" + hex));
  }

  @Test
  void findsEveryFormAnywhereAndNamesItWithoutPrintingIt() {
    List<SecretForm> forms = KeyMaterial.forms("relay/0", "ab".repeat(32));
    List<Place> clean = List.of(new Place("Event x", "phase Ready: 16/16 pods ready"));
    assertThat(LeakScan.scan(clean, forms)).isEmpty();
    LeakScan.assertNoLeaks(clean, forms);

    for (SecretForm form : forms) {
      List<Place> dirty = List.of(new Place("log", "applied {\"0\": \"" + form.text() + "\"}"));
      assertThat(LeakScan.scan(dirty, forms))
          .extracting(l -> l.secret().form())
          .contains(form.form());
      assertThatThrownBy(() -> LeakScan.assertNoLeaks(dirty, forms))
          .hasMessageContaining("log: relay/0 (" + form.form() + ")")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(form.text()));
    }
  }
}
