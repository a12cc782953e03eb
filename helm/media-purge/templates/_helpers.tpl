{{/*
The chart's name.
*/}}
{{- define "media-purge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name of the objects: release-chart, truncated to 63 characters (DNS names).
*/}}
{{- define "media-purge.fullname" -}}
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

{{/*
The CronJob's name: at most 52 characters, because its Jobs get an 11-character suffix.
*/}}
{{- define "media-purge.cronjobName" -}}
{{- include "media-purge.fullname" . | trunc 52 | trimSuffix "-" }}
{{- end }}

{{- define "media-purge.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every object.
*/}}
{{- define "media-purge.labels" -}}
helm.sh/chart: {{ include "media-purge.chart" . }}
{{ include "media-purge.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: media-purge
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "media-purge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "media-purge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Metadata annotations of every object (commonAnnotations plus the given ones).
Usage: include "media-purge.annotations" (dict "context" $ "annotations" .Values.x.annotations)
*/}}
{{- define "media-purge.annotations" -}}
{{- $all := merge (dict) (.annotations | default dict) (.context.Values.commonAnnotations | default dict) }}
{{- with $all -}}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{- define "media-purge.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "media-purge.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "media-purge.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}
{{- end }}

{{/*
The JDBC URL of the job repository.
*/}}
{{- define "media-purge.jobRepositoryUrl" -}}
{{- if .Values.jobRepository.ephemeral }}
{{- print "jdbc:h2:file:/tmp/job-repository/media-purge;AUTO_SERVER=FALSE" }}
{{- else }}
{{- required "jobRepository.url is required (or set jobRepository.ephemeral=true)" .Values.jobRepository.url }}
{{- end }}
{{- end }}

{{/*
The Spring cron of the operations Deployment's own schedule: operations.schedule.cron, or the
CronJob's 5-field schedule with a leading second.
*/}}
{{- define "media-purge.springCron" -}}
{{- $cron := .Values.operations.schedule.cron }}
{{- if not $cron }}
{{- if hasPrefix "@" .Values.cronjob.schedule }}
{{- $cron = .Values.cronjob.schedule }}
{{- else }}
{{- $cron = printf "0 %s" .Values.cronjob.schedule }}
{{- end }}
{{- end }}
{{- $cron }}
{{- end }}

{{/*
Whether the operations Deployment schedules runs: never while the CronJob does.
*/}}
{{- define "media-purge.operationsSchedules" -}}
{{- if and .Values.operations.enabled .Values.operations.schedule.enabled (not .Values.cronjob.enabled) }}true{{ else }}false{{ end }}
{{- end }}

{{/*
Checks of combinations the schema cannot word clearly.
*/}}
{{- define "media-purge.validate" -}}
{{- if not (or .Values.cronjob.enabled .Values.operations.enabled) }}
{{- fail "media-purge: nothing to deploy: enable cronjob.enabled (the nightly run) or operations.enabled (the console), or both" }}
{{- end }}
{{- if and .Values.metrics.serviceMonitor.enabled (not .Values.operations.enabled) }}
{{- fail "media-purge: metrics.serviceMonitor.enabled needs operations.enabled: only the operations Deployment serves /actuator/prometheus (a one-shot run pushes to a Pushgateway: metrics.pushgateway)" }}
{{- end }}
{{- if and .Values.operations.ingress.enabled (not .Values.operations.enabled) }}
{{- fail "media-purge: operations.ingress.enabled needs operations.enabled" }}
{{- end }}
{{- if and .Values.operations.enabled .Values.operations.ingress.enabled (not .Values.operations.ingress.tlsSecret) (not .Values.operations.ingress.allowPlainHttp) }}
{{- fail "media-purge: operations.ingress.enabled needs operations.ingress.tlsSecret (a Secret with the TLS certificate): the dashboard's passwords and session cookie must not travel in clear. Behind another TLS terminator only, set operations.ingress.allowPlainHttp=true (see the README)" }}
{{- end }}
{{- if and .Values.metrics.pushgateway.enabled (not .Values.metrics.pushgateway.address) }}
{{- fail "media-purge: metrics.pushgateway.enabled needs metrics.pushgateway.address (host:port)" }}
{{- end }}
{{- end }}

{{/*
The environment of both containers: secrets only through secretKeyRef.
*/}}
{{- define "media-purge.env" -}}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: "file:/etc/media-purge/config/"
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaToolOptions | quote }}
- name: SPRING_MONGODB_URI
  valueFrom:
    secretKeyRef:
      name: {{ required "mongodb.existingSecret is required: a Secret holding the MongoDB connection string" .Values.mongodb.existingSecret }}
      key: {{ .Values.mongodb.uriKey }}
{{- if not .Values.jobRepository.ephemeral }}
- name: SPRING_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ required "jobRepository.existingSecret is required (or set jobRepository.ephemeral=true)" .Values.jobRepository.existingSecret }}
      key: {{ .Values.jobRepository.usernameKey }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.jobRepository.existingSecret }}
      key: {{ .Values.jobRepository.passwordKey }}
{{- end }}
{{- with .Values.s3.existingSecret }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.s3.accessKeyIdKey }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.s3.secretAccessKeyKey }}
{{- end }}
{{- end }}

{{- define "media-purge.volumeMounts" -}}
- name: config
  mountPath: /etc/media-purge/config
  readOnly: true
- name: jobs
  mountPath: {{ .Values.catalogue.mountPath }}
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- with .Values.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "media-purge.volumes" -}}
- name: config
  configMap:
    name: {{ include "media-purge.fullname" . }}-config
- name: jobs
  configMap:
    name: {{ include "media-purge.fullname" . }}-jobs
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
{{- with .Values.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
What both pod specs share: service account, security, scheduling, volumes.
*/}}
{{- define "media-purge.podCommon" -}}
serviceAccountName: {{ include "media-purge.serviceAccountName" . }}
automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  {{- include "media-purge.volumes" . | nindent 2 }}
{{- end }}
