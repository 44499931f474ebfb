package io.binlogkit.benchmarks.parser;

import io.binlogkit.benchmarks.ConnectorJavaReader;
import io.binlogkit.benchmarks.FileCounters;
import io.binlogkit.benchmarks.MappedFileBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;

/**
 * The competitor in the same harness: mysql-binlog-connector-java 0.30.1 reading the big binlog
 * offline with row deserialisation ({@link ConnectorJavaReader}), next to the raw scan of the same
 * file. Compare its {@code :events} rate with {@link RowDecodeBenchmark#decodeAll}. One operation
 * takes seconds, hence the long iterations.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class ConnectorJavaBenchmark extends MappedFileBenchmark {

    @Benchmark
    public ConnectorJavaReader.Counts connectorJava(FileCounters counters) throws IOException {
        ConnectorJavaReader.Counts c = ConnectorJavaReader.read(file.path());
        counters.add(fileBytes, c.events());
        return c;
    }
}
