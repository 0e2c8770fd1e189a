package io.incidentpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Long-polls one SQS queue in moto that the runtime subscribed to a bus (a catch-all rule) or a
 * topic, and hands each message body to a consumer: how events and notifications leave moto for
 * the runtime's own delivery.
 */
final class QueueTap implements Runnable {
    private final Moto moto;
    private final String queueUrl;
    private final String name;
    private final Consumer<String> consumer;
    private final HopLog log;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger busy = new AtomicInteger();

    QueueTap(Moto moto, String queueUrl, String name, Consumer<String> consumer, HopLog log) {
        this.moto = moto;
        this.queueUrl = queueUrl;
        this.name = name;
        this.consumer = consumer;
        this.log = log;
    }

    /** @return whether messages were received and not yet handed over */
    boolean busy() {
        return busy.get() > 0;
    }

    void stop() {
        running.set(false);
    }

    @Override
    public void run() {
        while (running.get()) {
            try {
                JsonNode messages = moto.json("sqs", "AmazonSQS.ReceiveMessage", Moto.object().put("QueueUrl", queueUrl)
                        .put("MaxNumberOfMessages", 10).put("WaitTimeSeconds", 1)).path("Messages");
                busy.incrementAndGet();
                try {
                    for (JsonNode message : messages) {
                        try {
                            consumer.accept(message.path("Body").asText());
                        } catch (RuntimeException e) {
                            log.hop("error", name + ": " + e.getMessage());
                        }
                        moto.json("sqs", "AmazonSQS.DeleteMessage", Moto.object().put("QueueUrl", queueUrl)
                                .put("ReceiptHandle", message.path("ReceiptHandle").asText()));
                    }
                } finally {
                    busy.decrementAndGet();
                }
            } catch (LocalRuntimeException e) {
                if (running.get()) {
                    log.hop("error", name + ": " + e.getMessage());
                    Moto.sleep(1000);
                }
            }
        }
    }
}
