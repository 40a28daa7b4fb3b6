package io.chatnet.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.network.RlnAccountSecrets;
import io.chatnet.operator.rln.RlnFixtures;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KeyLeakTest's search covers RLN: the account keys and the keystore password are among the forms
 * it greps for, and the forms are the real ones (found in the Secrets the operator writes).
 */
class KeyMaterialRlnTest {
  @Test
  void rlnAccountKeysAndThePasswordAreSearchedForInTheFormsTheirSecretsHold() {
    ChatNetwork network = RlnFixtures.network("{enabled: true, validatorGroups: [relay]}");
    List<SecretForm> rln = KeyMaterial.rln(network);
    // svc publishes (2 nodes, 9 forms each) and the password (2 forms); relay only validates
    assertThat(rln).hasSize(2 * 9 + 2);
    assertThat(KeyMaterial.of(network)).containsAll(rln);
    String secrets = Serialization.asJson(RlnAccountSecrets.all(network));
    assertThat(rln)
        .filteredOn(
            f ->
                f.form().equals("base64 of the hex text (Secret data, with 0x)")
                    || (f.owner().equals("RLN keystore password") && f.form().startsWith("base64")))
        .hasSize(3)
        .allSatisfy(f -> assertThat(secrets).contains(f.text()));
    assertThat(KeyMaterial.rln(RlnFixtures.network("{enabled: false}"))).isEmpty();
  }
}
