package io.tidings.e2e;

import io.tidings.local.TidingsServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6: the Grafana dashboard and the alert rules query only metrics the services really expose.
 * Runs a real promotion through the gateway (so the saga's meters have moved), scrapes every service's
 * /actuator/prometheus, and fails naming each series selector no sample matches and each grouping label
 * no matching series carries.
 */
class DashboardMetricsE2EIT {

    /** Labels Prometheus adds to every scraped series (ServiceMonitor / kubernetes_sd), absent on the page itself. */
    private static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "service", "job", "instance", "container", "endpoint");
    private static final Path ROOT = Path.of(System.getProperty("tidings.root", "..")).toAbsolutePath().normalize();

    static TidingsSystem system;
    static Api gateway;

    /** Where a query comes from (dashboard panel or alert) and its PromQL. */
    record Source(String where, String expression) {
    }

    @BeforeAll
    static void start() {
        system = TidingsSystem.get();
        gateway = new Api(system.gatewayUrl());
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryExistsAfterARealPromotion() throws IOException {
        List<Source> queries = new ArrayList<>(dashboardQueries());
        queries.addAll(alertQueries());
        assertThat(queries).hasSizeGreaterThanOrEqualTo(12);

        promoteAWorkflow();

        PrometheusScrape scrape = new PrometheusScrape();
        TidingsServices.ALL.forEach(service -> scrape.scrape(system.service(service.name()).baseUrl()));

        List<String> missing = new ArrayList<>();
        for (Source source : queries) {
            PromQl.Query query = PromQl.parse(source.expression());
            assertThat(query.selectors()).as(source.where()).isNotEmpty();
            List<PrometheusScrape.Sample> matched = new ArrayList<>();
            for (PromQl.Selector selector : query.selectors()) {
                List<PrometheusScrape.Sample> samples = scrape.matching(selector);
                if (samples.isEmpty()) {
                    missing.add(source.where() + ": " + selector + (scrape.hasMetric(selector.metric())
                            ? " (the metric exists, but no series has these labels)" : " (no service exposes this metric)"));
                }
                matched.addAll(samples);
            }
            for (String label : query.groupingLabels()) {
                if (!TARGET_LABELS.contains(label) && matched.stream().noneMatch(s -> s.labels().containsKey(label))) {
                    missing.add(source.where() + ": groups by '" + label + "', which none of its series carries");
                }
            }
        }
        assertThat(missing).as("metrics the dashboard or the alerts need").isEmpty();
        // the promotion above is what the panels are about: it must have been counted
        assertThat(scrape.sum("tidings_promotions_total", Map.of("outcome", "completed"))).isGreaterThanOrEqualTo(1.0);
        assertThat(scrape.sum("tidings_promotion_changes_total", Map.of("type", "workflow"))).isGreaterThanOrEqualTo(1.0);
    }

    /** A group and a workflow in development, promoted with {"all": true}, until the saga completed. */
    private static void promoteAWorkflow() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Dashboard Acme");
        String dev = acme.development().secret();
        Api.Response group = gateway.withKey("POST", "/v1/notification-groups", dev, Map.of("name", "Dashboards"));
        assertThat(group.status()).as(group.raw()).isEqualTo(201);
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("name", "Promoted for the dashboard");
        workflow.put("notificationGroupId", group.data().get("_id").asString());
        workflow.put("steps", List.of(Map.of("name", "Inbox", "type", "in_app", "template", Map.of("content", "Hello {{name}}"))));
        Api.Response created = gateway.withKey("POST", "/v1/notification-templates", dev, workflow);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        // promotion-service learns of the revisions through Kafka
        awaitTrue("both changes pending", Duration.ofSeconds(60), () -> {
            Api.Response count = gateway.get("/v1/changes/count", dev);
            return count.status() == 200 && count.data().asLong() >= 2;
        });
        Api.Response promotion = gateway.withKey("POST", "/v1/promotions", dev, Map.of("all", true));
        assertThat(promotion.status()).as(promotion.raw()).isEqualTo(202);
        String id = promotion.data().get("_id").asString();
        String[] status = {""};
        awaitTrue("promotion " + id + " to finish", Duration.ofSeconds(90), () -> {
            Api.Response current = gateway.get("/v1/promotions/" + id, dev);
            status[0] = current.status() == 200 ? current.data().get("status").asString() : "http " + current.status();
            return status[0].equals("completed") || status[0].equals("failed");
        });
        assertThat(status[0]).isEqualTo("completed");
    }

    /** Every target's expression of every panel, with the dashboard's own variables at their "All" value. */
    private static List<Source> dashboardQueries() throws IOException {
        JsonNode dashboard = Api.JSON.readTree(Files.readString(ROOT.resolve("deploy/grafana/tidings-promotions.json")));
        Map<String, String> variables = new HashMap<>();
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if (variable.has("allValue")) {
                variables.put(variable.get("name").asString(), variable.get("allValue").asString());
            }
        }
        List<Source> queries = new ArrayList<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            panels.add(panel);
            if (panel.has("panels")) {
                panel.get("panels").forEach(panels::add); // panels inside collapsed rows
            }
        });
        for (JsonNode panel : panels) {
            if (!panel.has("targets")) {
                continue;
            }
            for (JsonNode target : panel.get("targets")) {
                String where = "panel '" + panel.get("title").asString() + "' " + target.get("refId").asString();
                queries.add(new Source(where, PromQl.substitute(target.get("expr").asString(), variables)));
            }
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    private static List<Source> alertQueries() throws IOException {
        Map<String, Object> rule = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/alerts.yaml")));
        List<Source> queries = new ArrayList<>();
        for (Object group : (List<Object>) ((Map<String, Object>) rule.get("spec")).get("groups")) {
            for (Object r : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                Map<String, Object> alert = (Map<String, Object>) r;
                queries.add(new Source("alert " + alert.get("alert"), String.valueOf(alert.get("expr"))));
            }
        }
        return queries;
    }

    private static void awaitTrue(String what, Duration timeout, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
