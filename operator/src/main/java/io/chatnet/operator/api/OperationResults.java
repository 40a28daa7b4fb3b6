package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/**
 * Measured operations beyond steady traffic, merged over the shards: login, contact requests, group
 * creation, catch-up after offline spells, the phases and the clients' roles.
 */
@Data
public class OperationResults {
  @JsonPropertyDescription("Login per client kind.")
  private List<OperationTiming> login = new ArrayList<>();

  @JsonPropertyDescription("Contact requests per requester kind.")
  private List<ContactRequestResult> contactRequests = new ArrayList<>();

  @JsonPropertyDescription("Group creation per creator kind.")
  private List<GroupCreationResult> groupCreation = new ArrayList<>();

  @JsonPropertyDescription("Catch-up per client kind and offline length.")
  private List<CatchUpResult> catchUp = new ArrayList<>();

  @JsonPropertyDescription("The contact-request, idle and measured phases as the shards ran them.")
  private List<PhaseWindow> phases = new ArrayList<>();

  @JsonPropertyDescription("Senders, silent members and clients in no chat.")
  private RoleCounts roles;

  @JsonPropertyDescription(
      "Shards whose summary left sections out to fit the 4096-byte termination message, as"
          + " 'shard N: section, ...': the figures above lack those shards' part of each section.")
  private List<String> omitted = new ArrayList<>();
}
