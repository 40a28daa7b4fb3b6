package io.chatnet.loadgen.client;

import com.fasterxml.jackson.databind.JsonNode;

/** One status-go signal from the websocket: {@code {"type": ..., "event": ...}}. */
public record Signal(String type, JsonNode event, long receivedNanos, long receivedEpochMicros) {}
