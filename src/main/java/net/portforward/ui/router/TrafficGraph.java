package net.portforward.ui.router;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The live traffic graph of "More information": download and upload in KB/s over the last two
 * minutes, from the {@link TrafficSampler}; or a line saying the router does not tell.
 */
final class TrafficGraph extends VBox {
    /** The words in the window's language, looked up on each use so a language chosen later applies. */
    private static ResourceBundle text() {
        return net.portforward.ui.common.UiText.bundle("net.portforward.ui.router.RouterText");
    }

    /** @param noProtocol the router speaks PCP or NAT-PMP, which have no traffic counters at all */
    TrafficGraph(TrafficSampler sampler, boolean noProtocol) {
        setSpacing(4);
        setId("traffic");
        Label title = new Label(text().getString("traffic.title"));
        title.getStyleClass().add("traffic-title");
        Label now = new Label(text().getString("traffic.waiting"));
        now.setId("traffic-now");
        NumberAxis time = new NumberAxis();
        time.setLabel(text().getString("traffic.axisTime"));
        time.setTickLabelsVisible(false);
        // The axis is the last two minutes, filled from the right as samples come (auto-ranging
        // put a first lone sample in the middle).
        double shownSeconds = TrafficSampler.PERIOD.toSeconds() * TrafficSampler.KEEP;
        time.setAutoRanging(false);
        time.setTickUnit(shownSeconds / 12);
        NumberAxis rate = new NumberAxis();
        rate.setLabel(text().getString("traffic.axisRate"));
        LineChart<Number, Number> chart = new LineChart<>(time, rate);
        chart.setId("traffic-chart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setPrefHeight(180);
        XYChart.Series<Number, Number> down = new XYChart.Series<>();
        down.setName(text().getString("traffic.down"));
        XYChart.Series<Number, Number> up = new XYChart.Series<>();
        up.setName(text().getString("traffic.up"));
        chart.getData().add(down);
        chart.getData().add(up);
        sampler.rates().addListener((ListChangeListener<TrafficSampler.Rate>) c -> {
            down.getData().clear();
            up.getData().clear();
            for (TrafficSampler.Rate r : sampler.rates()) {
                double seconds = r.at().toEpochMilli() / 1000.0;
                down.getData().add(new XYChart.Data<>(seconds, r.receivedPerSecond() / 1024));
                up.getData().add(new XYChart.Data<>(seconds, r.sentPerSecond() / 1024));
            }
            if (!sampler.rates().isEmpty()) {
                TrafficSampler.Rate last = sampler.rates().get(sampler.rates().size() - 1);
                time.setUpperBound(last.at().toEpochMilli() / 1000.0);
                time.setLowerBound(time.getUpperBound() - shownSeconds);
                now.setText(MessageFormat.format(text().getString("traffic.now"), last.receivedPerSecond() / 1024,
                        last.sentPerSecond() / 1024));
            }
        });
        Runnable availability = () -> {
            boolean none = sampler.availabilityProperty().get() == TrafficSampler.Availability.NONE;
            chart.setVisible(!none);
            chart.setManaged(!none);
            if (none) {
                now.setText(text().getString(noProtocol ? "traffic.noneProtocol" : "traffic.none"));
            }
        };
        sampler.availabilityProperty().addListener((o, was, is) -> availability.run());
        getChildren().addAll(title, now, chart);
        availability.run();
    }
}
