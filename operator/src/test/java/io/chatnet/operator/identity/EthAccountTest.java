package io.chatnet.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EthAccountTest {
  @Test
  void anvilsWellKnownAccountsHaveTheirPublishedAddresses() {
    // anvil's default mnemonic, accounts 0 and 1 (printed by anvil at start; waku-simulator's
    // deployer is account 0)
    assertThat(
            EthAccount.fromPrivateKeyHex(
                    "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
                .address())
        .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assertThat(
            EthAccount.fromPrivateKeyHex(
                    "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")
                .address())
        .isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  }

  @Test
  void eip55ChecksumOfTheSpecsExamples() {
    // EIP-55's test vectors
    assertThat(EthAccount.checksummed("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"))
        .isEqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    assertThat(EthAccount.checksummed("fb6916095ca1df60bb79ce92ce3ea74c37c5d359"))
        .isEqualTo("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
  }

  @Test
  void accountsAreDeterministicPerSeedGroupAndOrdinalAndNeverTheNodeKey() {
    EthAccount a = EthAccount.derive("seed-a", "relay", 3);
    assertThat(EthAccount.derive("seed-a", "relay", 3).address()).isEqualTo(a.address());
    assertThat(EthAccount.derive("seed-b", "relay", 3).address()).isNotEqualTo(a.address());
    assertThat(EthAccount.derive("seed-a", "relay", 4).address()).isNotEqualTo(a.address());
    assertThat(EthAccount.derive("seed-a", "svc", 3).address()).isNotEqualTo(a.address());
    assertThat(a.privateKeyHex())
        .matches("0x[0-9a-f]{64}")
        .isNotEqualTo("0x" + NodeKey.derive("seed-a", "relay", 3).privateKeyHex());
    assertThat(a.toString()).doesNotContain(a.privateKeyHex().substring(2));
  }
}
