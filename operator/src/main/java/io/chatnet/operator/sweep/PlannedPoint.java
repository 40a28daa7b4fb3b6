package io.chatnet.operator.sweep;

import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ChatNetworkSpec;
import java.util.Map;

/**
 * One point of a sweep: its number (from 1), its axis values by axis name, the network it runs on
 * ({@code shape}: the number of the network shape, from 1, which names the network), the
 * experiment's name, and the specs of that network and of the experiment (networkRef set).
 */
public record PlannedPoint(
    int index,
    Map<String, String> values,
    int shape,
    String network,
    String experiment,
    ChatNetworkSpec networkSpec,
    ChatExperimentSpec experimentSpec) {}
