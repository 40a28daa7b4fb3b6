package io.chatnet.operator.rln;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class RlnDeployOutputsTest {
  // token and proxy: waku-simulator's addresses on a fresh anvil (rln.md section 1); the middle two
  // are illustrative
  static final String MESSAGE =
      """
      deployed at block 12
      TOKEN_ADDRESS=0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512
      PRICE_CALCULATOR_ADDRESS=0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0
      WAKURLNV2_ADDRESS=0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9
      RLN_CONTRACT_ADDRESS=0x0165878A594ca255338adfa4d48449f69242Eb8F
      """;

  static Pod pod(String message) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("net-rln-deploy-abcde")
        .endMetadata()
        .withNewStatus()
        .addNewContainerStatus()
        .withName("deploy")
        .withNewState()
        .withNewTerminated()
        .withExitCode(0)
        .withMessage(message)
        .endTerminated()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void everyAddressIsReadFromTheTerminatedContainer() {
    var outputs = RlnDeployOutputs.of(pod(MESSAGE), "deploy");
    assertThat(outputs.complete()).isTrue();
    assertThat(outputs.addresses())
        .containsEntry("RLN_CONTRACT_ADDRESS", "0x0165878A594ca255338adfa4d48449f69242Eb8F")
        .hasSize(4);
  }

  @Test
  void missingMalformedOrPossiblyCutMessagesAreProblemsNamingTheKey() {
    var missing = RlnDeployOutputs.parse(MESSAGE.replace("RLN_CONTRACT_ADDRESS=", "RLN_CONTRACT="));
    assertThat(missing.problems()).containsExactly("RLN_CONTRACT_ADDRESS missing");
    assertThat(missing.addresses()).isEmpty();
    var malformed = RlnDeployOutputs.parse(MESSAGE.replace("0xe7f1725E", "0xe7f1725"));
    assertThat(malformed.problems()).containsExactly("TOKEN_ADDRESS is not an address");
    var cut = RlnDeployOutputs.parse(MESSAGE + "x".repeat(4096));
    assertThat(cut.problems()).singleElement().asString().contains("4096-byte cap");
    assertThat(RlnDeployOutputs.of(pod(MESSAGE), "other").problems())
        .containsExactly("container other of pod net-rln-deploy-abcde has not terminated");
  }
}
