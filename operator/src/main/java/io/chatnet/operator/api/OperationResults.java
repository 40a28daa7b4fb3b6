package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Measured operations beyond steady traffic: login, contact requests, group creation, catch-up
 * after offline spells, and the idle phase.
 */
public class OperationResults {
  @JsonPropertyDescription(
      "Login time per client kind (setup, from the first call to the node.login signal).")
  private List<OperationTiming> login = new ArrayList<>();

  @JsonPropertyDescription("Contact requests per requester client kind.")
  private List<ContactRequestResult> contactRequests = new ArrayList<>();

  @JsonPropertyDescription("Group creation per creator client kind.")
  private List<OperationTiming> groupCreation = new ArrayList<>();

  @JsonPropertyDescription("Catch-up per client kind and offline length.")
  private List<CatchUpResult> catchUp = new ArrayList<>();

  @JsonPropertyDescription("Start of the idle phase (RFC 3339).")
  private String idleFrom;

  @JsonPropertyDescription("End of the idle phase (RFC 3339): the end of the measured window.")
  private String idleTo;

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

  public List<OperationTiming> getGroupCreation() {
    return groupCreation;
  }

  public void setGroupCreation(List<OperationTiming> groupCreation) {
    this.groupCreation = groupCreation;
  }

  public List<CatchUpResult> getCatchUp() {
    return catchUp;
  }

  public void setCatchUp(List<CatchUpResult> catchUp) {
    this.catchUp = catchUp;
  }

  public String getIdleFrom() {
    return idleFrom;
  }

  public void setIdleFrom(String idleFrom) {
    this.idleFrom = idleFrom;
  }

  public String getIdleTo() {
    return idleTo;
  }

  public void setIdleTo(String idleTo) {
    this.idleTo = idleTo;
  }
}
