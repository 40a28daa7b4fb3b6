package io.chatnet.operator.security;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Everything the in-process operator logs, at every level, while open: a handler on the root logger
 * of the JBoss LogManager (the JUL manager the operator logs through, as in Quarkus; JBoss Logging
 * and SLF4J, i.e. the SDK and Fabric8, end there too). The operator's own classes are opened to
 * every level (the chart's operator.logLevel can lower them to DEBUG); the SDK and Fabric8 to
 * DEBUG. The console handlers stay at INFO so the build log does not drown. Closing restores every
 * level.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  /** Loggers opened while capturing, and how far (held here: JUL keeps loggers weakly). */
  private static final Map<String, Level> OPENED =
      Map.of("io.chatnet", Level.ALL, "io.javaoperatorsdk", Level.FINE, "io.fabric8", Level.FINE);

  private final Queue<String> lines = new ConcurrentLinkedQueue<>();
  private final Map<Logger, Level> previous = new LinkedHashMap<>();
  private final Map<Handler, Level> consoleLevels = new LinkedHashMap<>();
  private final Logger root = Logger.getLogger("");

  private LogCapture() {
    setLevel(Level.ALL);
  }

  public static LogCapture start() {
    LogCapture capture = new LogCapture();
    for (Handler handler : capture.root.getHandlers()) {
      capture.consoleLevels.put(handler, handler.getLevel());
      handler.setLevel(Level.INFO);
    }
    OPENED.forEach(
        (name, level) -> {
          Logger logger = Logger.getLogger(name);
          capture.previous.put(logger, logger.getLevel());
          logger.setLevel(level);
        });
    capture.root.addHandler(capture);
    return capture;
  }

  @Override
  public void publish(LogRecord record) {
    StringBuilder line = new StringBuilder();
    line.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(' ');
    line.append(
        record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
    if (record.getParameters() != null) {
      for (Object parameter : record.getParameters()) {
        line.append(" | ").append(parameter);
      }
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append('\n').append(trace);
    }
    lines.add(line.toString());
  }

  /** The lines captured so far, in order. */
  public List<String> lines() {
    return new ArrayList<>(lines);
  }

  /** The lines from a logger whose name starts with {@code prefix}. */
  public long countFrom(String prefix) {
    return lines.stream().filter(l -> l.split(" ", 3)[1].startsWith(prefix)).count();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    previous.forEach(Logger::setLevel);
    consoleLevels.forEach(Handler::setLevel);
  }
}
