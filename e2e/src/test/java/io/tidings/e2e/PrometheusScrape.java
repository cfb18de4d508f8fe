package io.tidings.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The samples of one or more {@code /actuator/prometheus} pages (text exposition format), and queries over them. */
final class PrometheusScrape {

    record Sample(String metric, Map<String, String> labels, double value) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Sample> samples = new ArrayList<>();

    /** Scrapes {@code baseUrl/actuator/prometheus}, which answers without credentials. */
    void scrape(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).timeout(Duration.ofSeconds(20)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(baseUrl + "/actuator/prometheus answered " + response.statusCode());
            }
            response.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(PrometheusScrape::parse).forEach(samples::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<Sample> matching(PromQl.Selector selector) {
        return samples.stream()
                .filter(s -> s.metric().equals(selector.metric()))
                .filter(s -> selector.matchers().stream().allMatch(m -> m.accepts(s.labels().get(m.label()))))
                .toList();
    }

    boolean hasMetric(String metric) {
        return samples.stream().anyMatch(s -> s.metric().equals(metric));
    }

    double sum(String metric, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.metric().equals(metric) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
    }

    /** {@code name{a="x",b="y"} 1.0} or {@code name 1.0}. */
    static Sample parse(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || brace > space) {
            return new Sample(line.substring(0, space), Map.of(), number(line.substring(space + 1).trim().split(" ")[0]));
        }
        String metric = line.substring(0, brace);
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String name = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(name, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        String rest = line.substring(i + 1).trim().split(" ")[0];
        return new Sample(metric, labels, number(rest));
    }
}
