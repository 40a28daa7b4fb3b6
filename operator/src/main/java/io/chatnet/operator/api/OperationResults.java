package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Measured operations beyond steady traffic, merged over the shards: login, contact requests, group
 * creation, catch-up after offline spells, the phases and the clients' roles.
 */
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

  public List<OperationTiming> getLogin() {
    return login;
  }

  public void setLogin(List<OperationTiming> login) {
    this.login = login;
  }

  public List<ContactRequestResult> getContactRequests() {
    return contactRequests;
  }

  public void setContactRequests(List<ContactRequestResult> contactRequests) {
    this.contactRequests = contactRequests;
  }

  public List<GroupCreationResult> getGroupCreation() {
    return groupCreation;
  }

  public void setGroupCreation(List<GroupCreationResult> groupCreation) {
    this.groupCreation = groupCreation;
  }

  public List<CatchUpResult> getCatchUp() {
    return catchUp;
  }

  public void setCatchUp(List<CatchUpResult> catchUp) {
    this.catchUp = catchUp;
  }

  public List<PhaseWindow> getPhases() {
    return phases;
  }

  public void setPhases(List<PhaseWindow> phases) {
    this.phases = phases;
  }

  public RoleCounts getRoles() {
    return roles;
  }

  public void setRoles(RoleCounts roles) {
    this.roles = roles;
  }
}
