package io.tidings.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/prometheus and deploy/grafana point at what the manifests and the services really expose.
 * Whether the metrics their queries use exist is checked against running services by e2e's DashboardMetricsE2EIT.
 */
class MonitoringTest {

    private static final String PROMETHEUS_PATH = "/actuator/prometheus";

    @Test
    void serviceMonitorScrapesEveryServiceOnItsPrometheusEndpoint() {
        ServiceMonitor monitor = Deploy.render(Deploy.PROMETHEUS).all(ServiceMonitor.class).get(0);
        List<String> namespaces = monitor.getSpec().getNamespaceSelector().getMatchNames();
        for (String overlay : List.of(Deploy.DEV, Deploy.PROD)) {
            Manifests manifests = Deploy.render(overlay);
            for (Service service : manifests.all(Service.class)) {
                assertThat(namespaces).as("ServiceMonitor namespaces").contains(service.getMetadata().getNamespace());
                assertThat(NetworkGraph.matches(monitor.getSpec().getSelector(), service.getMetadata().getLabels()))
                        .as("ServiceMonitor selects Service " + service.getMetadata().getName()).isTrue();
                for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
                    assertThat(service.getSpec().getPorts()).anyMatch(p -> p.getName().equals(endpoint.getPort()));
                    assertThat(endpoint.getPath()).isEqualTo(PROMETHEUS_PATH);
                }
            }
        }
        for (ServiceConfig service : Deploy.services()) {
            assertThat(String.valueOf(service.setting("management.endpoints.web.exposure.include").orElse("")))
                    .as(service.name() + " exposes the prometheus endpoint").contains("prometheus");
        }
    }

    @Test
    void scrapeConfigKeepsEveryServiceOnItsPrometheusEndpoint() {
        Map<String, Object> config = Kustomize.readSingle(Deploy.ROOT.resolve("deploy/prometheus/prometheus.yml"));
        Map<String, Object> job = Kustomize.map(Kustomize.list(config.get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo(PROMETHEUS_PATH);
        Map<String, Object> discovery = Kustomize.map(Kustomize.list(job.get("kubernetes_sd_configs")).get(0));
        List<Object> namespaces = Kustomize.list(ServiceConfig.path(discovery, "namespaces.names").orElseThrow());
        List<Map<String, Object>> keeps = Kustomize.list(job.get("relabel_configs")).stream().map(Kustomize::map)
                .filter(r -> "keep".equals(r.get("action"))).toList();
        for (String overlay : List.of(Deploy.DEV, Deploy.PROD)) {
            for (Service service : Deploy.render(overlay).all(Service.class)) {
                assertThat(namespaces).contains(service.getMetadata().getNamespace());
                // what Kubernetes service discovery shows for this Service's endpoints
                Map<String, String> meta = new java.util.HashMap<>();
                meta.put("__meta_kubernetes_endpoint_port_name", service.getSpec().getPorts().get(0).getName());
                service.getMetadata().getLabels().forEach((k, v) ->
                        meta.put("__meta_kubernetes_service_label_" + k.replaceAll("[^a-zA-Z0-9_]", "_"), v));
                for (Map<String, Object> keep : keeps) {
                    String source = String.valueOf(Kustomize.list(keep.get("source_labels")).get(0));
                    assertThat(meta.getOrDefault(source, "")).as(source + " of " + service.getMetadata().getName())
                            .matches(String.valueOf(keep.get("regex")));
                }
            }
        }
    }

    @Test
    void localScrapeConfigTargetsTheServicesDefaultPorts() {
        Map<String, Object> config = Kustomize.readSingle(Deploy.ROOT.resolve("deploy/prometheus/prometheus-local.yml"));
        Map<String, Object> job = Kustomize.map(Kustomize.list(config.get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo(PROMETHEUS_PATH);
        List<Object> targets = Kustomize.list(Kustomize.map(Kustomize.list(job.get("static_configs")).get(0)).get("targets"));
        List<String> expected = Deploy.services().stream().map(s -> "localhost:" + s.port().getValue()).toList();
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void dashboardIsProvisionableAndEveryPanelQueriesTheChosenDataSource() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Deploy.ROOT.resolve("deploy/grafana/tidings-promotions.json").toFile());
        assertThat(dashboard.path("title").asText()).isEqualTo("Tidings promotions");
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        // provisioned dashboards must not carry a database id
        assertThat(dashboard.has("id") && !dashboard.get("id").isNull()).isFalse();
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("type").asText() + ":" + v.path("name").asText()));
        assertThat(variables).contains("datasource:datasource");
        List<String> problems = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            if (!panel.path("datasource").path("uid").asText().equals("${datasource}") || panel.path("targets").isEmpty()) {
                problems.add(title + ": needs targets on the ${datasource} variable");
            }
            for (JsonNode target : panel.path("targets")) {
                queries++;
                if (target.path("expr").asText().isBlank()) {
                    problems.add(title + ": a target without a PromQL expression");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(queries).isGreaterThanOrEqualTo(8);

        Map<String, Object> provisioning = Kustomize.readSingle(Deploy.ROOT.resolve("deploy/grafana/provisioning/dashboards/tidings.yaml"));
        Map<String, Object> provider = Kustomize.map(Kustomize.list(provisioning.get("providers")).get(0));
        assertThat(provider.get("type")).isEqualTo("file");
        assertThat(ServiceConfig.path(provider, "options.path")).isPresent();

        ConfigMap sidecar = Deploy.render(Deploy.GRAFANA).all(ConfigMap.class).get(0);
        assertThat(sidecar.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(sidecar.getData()).containsKey("tidings-promotions.json");
    }

    @Test
    void alertsCoverFailedPromotionsAndStuckSagas() {
        PrometheusRule rules = Deploy.render(Deploy.PROMETHEUS).all(PrometheusRule.class).get(0);
        List<Rule> alerts = rules.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).toList();
        assertThat(alerts).anySatisfy(rule -> assertThat(rule.getExpr().getStrVal()).contains("tidings_promotions_total{outcome=\"failed\"}"));
        assertThat(alerts).anySatisfy(rule -> assertThat(rule.getExpr().getStrVal()).contains("tidings_promotion_oldest_running_seconds"));
        for (Rule rule : alerts) {
            assertThat(rule.getAlert()).isNotBlank();
            assertThat(rule.getLabels()).containsKey("severity");
            assertThat(rule.getAnnotations()).containsKeys("summary", "description");
        }
    }

    @Test
    void theDeploymentsAreTheScrapedServices() {
        // the dashboard filters on application="gateway": the Micrometer tag is the Spring application name
        for (ServiceConfig service : Deploy.services()) {
            assertThat(Deploy.render(Deploy.BASE).find(Deployment.class, service.name())).isPresent();
            assertThat(service.setting("management.metrics.tags.application")).contains("${spring.application.name}");
        }
    }
}
