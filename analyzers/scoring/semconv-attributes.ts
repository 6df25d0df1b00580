// Attribute keys of the OpenTelemetry semantic conventions that are commonly confused with metric
// names (MET-006). Not the whole registry: the keys of the stable and widely used namespaces.
export const SEMCONV_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set([
  'http.request.method', 'http.response.status_code', 'http.route', 'http.request.body.size', 'http.response.body.size', 'http.request.method_original', 'http.request.resend_count',
  'url.full', 'url.path', 'url.query', 'url.scheme', 'url.fragment', 'server.address', 'server.port', 'client.address', 'client.port',
  'network.protocol.name', 'network.protocol.version', 'network.transport', 'network.type', 'network.peer.address', 'network.peer.port', 'network.local.address', 'network.local.port',
  'user_agent.original', 'error.type', 'exception.type', 'exception.message', 'exception.stacktrace',
  'db.system.name', 'db.namespace', 'db.operation.name', 'db.collection.name', 'db.query.text', 'db.response.status_code',
  'rpc.system', 'rpc.service', 'rpc.method', 'rpc.grpc.status_code',
  'messaging.system', 'messaging.operation.type', 'messaging.destination.name', 'messaging.message.id', 'messaging.batch.message_count',
  'service.name', 'service.version', 'service.instance.id', 'service.namespace', 'deployment.environment.name',
  'host.name', 'host.id', 'host.arch', 'os.type', 'os.version', 'process.pid', 'process.runtime.name', 'process.runtime.version',
  'k8s.pod.name', 'k8s.pod.uid', 'k8s.namespace.name', 'k8s.node.name', 'k8s.deployment.name', 'container.id', 'container.name', 'cloud.provider', 'cloud.region',
  'code.function.name', 'code.file.path', 'code.line.number', 'thread.id', 'thread.name', 'otel.status_code', 'otel.scope.name',
]);
