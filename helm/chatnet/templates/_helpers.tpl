{{/* Chart name, shortened to the 63 characters a label value allows. */}}
{{- define "chatnet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every object name: the release name, plus the chart name unless it contains it. */}}
{{- define "chatnet.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Cluster-scoped objects carry the release namespace too: two releases never collide. */}}
{{- define "chatnet.clusterName" -}}
{{- printf "%s-%s" .Release.Namespace (include "chatnet.fullname" .) }}
{{- end }}

{{- define "chatnet.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chatnet.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "chatnet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "chatnet.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "chatnet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "chatnet.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The namespaces the operator watches: all (cluster) or the listed ones (default: the release's). */}}
{{- define "chatnet.watchedNamespaces" -}}
{{- if eq .Values.watch.scope "cluster" }}
{{- "JOSDK_ALL_NAMESPACES" }}
{{- else }}
{{- join "," (default (list .Release.Namespace) .Values.watch.namespaces) }}
{{- end }}
{{- end }}

{{/*
What the operator does in a watched namespace, and nothing more. Each rule names the code that
needs it (operator/src/main/java/io/chatnet/operator); ChartRbacTest checks every one on a real
API server, and runs the reconcilers as this ServiceAccount.
*/}}
{{- define "chatnet.rules" -}}
# The primary resources: informers (list, watch) and status patches (server-side apply).
- apiGroups: ["chatnet.io"]
  resources: ["chatnetworks", "chatexperiments", "chatsweeps"]
  verbs: ["list", "watch"]
- apiGroups: ["chatnet.io"]
  resources: ["chatnetworks/status", "chatexperiments/status", "chatsweeps/status"]
  verbs: ["patch"]
# A sweep's networks and experiments (ChatSweepReconciler): server-side apply (create, and patch
# to scale a network between points), and deletion of a network whose shape the next point leaves.
- apiGroups: ["chatnet.io"]
  resources: ["chatnetworks", "chatexperiments"]
  verbs: ["create", "patch", "delete"]
# Network objects (network/, ChatNetworkReconciler): informers, server-side apply (create and patch),
# and deletion of groups that left the spec and key Secrets a scale-down emptied.
- apiGroups: ["apps"]
  resources: ["statefulsets"]
  verbs: ["list", "watch", "create", "patch", "delete"]
# The RLN bring-up's in-network chain (anvil); deleted with its network by owner reference.
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch", "create", "patch"]
- apiGroups: [""]
  resources: ["services", "secrets"]
  verbs: ["list", "watch", "create", "patch", "delete"]
# The network ConfigMap, the experiment plan and experiment reports: applied, never deleted (owner
# references remove them with their ChatNetwork or ChatExperiment). get: the capacity model a
# network's spec.preflight.capacityModel names (preflight/CapacityModelSource).
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "patch"]
# The load generator Job (experiment/LoadGeneratorJob): applied, and deleted when a run fails.
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["list", "watch", "create", "patch", "delete"]
# Pods: bootstrap/service pod IPs for ENRs and load generator summaries (informers); pod-kill
# faults (experiment/FaultInjector) delete them. Never create, exec or logs.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch", "delete"]
# Phase changes as Events (reconciler/EventRecorder); a StatefulSet's FailedCreate events are
# listed for a group short past its readiness deadline (reconciler/GroupDiagnoser).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "list"]
# Network faults as Chaos Mesh NetworkChaos (experiment/FaultInjector); harmless without Chaos Mesh.
- apiGroups: ["chaos-mesh.org"]
  resources: ["networkchaos"]
  verbs: ["create"]
# PodMonitors for the network's nodes where the Prometheus Operator is installed.
- apiGroups: ["monitoring.coreos.com"]
  resources: ["podmonitors"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# Preflight (preflight/PreflightStep): quotas the added pods must fit, and LimitRange defaults that
# fill in what containers leave out; listed only while pods are being added.
- apiGroups: [""]
  resources: ["resourcequotas", "limitranges"]
  verbs: ["list"]
{{- end }}

{{/*
Cluster-scoped reads, granted only with watch.scope=cluster (a Role cannot grant them): preflight's
capacity check lists nodes (and, through the rules above, pods in all namespaces) and reads the
namespace's Pod Security labels. Without them preflight says capacity and Pod Security are unknown.
*/}}
{{- define "chatnet.clusterRules" -}}
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["list"]
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: ["get"]
{{- end }}
