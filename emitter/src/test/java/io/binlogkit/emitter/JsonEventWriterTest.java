package io.binlogkit.emitter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --format json}: one valid object per event and line, with the header of the event. */
class JsonEventWriterTest {
    @Test
    void oneObjectPerEventWithItsHeader() throws Exception {
        for (Path f : GoldenBinlogs.require()) {
            ByteArrayOutputStream os = new ByteArrayOutputStream();
            ByteSink sink = new ByteSink(os);
            JsonEventWriter w = new JsonEventWriter(DumpOptions.defaults(), sink, RowsRenderer.countingOnly());
            w.dump(f, true, true);
            w.end();
            String[] lines = os.toString(StandardCharsets.UTF_8).split("\n");
            try (BinlogFile b = BinlogFile.open(f)) {
                EventCursor c = b.cursor();
                int i = 0;
                JsonFactory jf = new JsonFactory();
                while (c.next()) {
                    Map<String, String> fields = new HashMap<>();
                    try (JsonParser p = jf.createParser(lines[i])) {
                        assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                        JsonToken t;
                        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                            String name = p.currentName();
                            t = p.nextToken();
                            if (t.isStructStart()) {
                                p.skipChildren();
                            } else {
                                fields.put(name, p.getValueAsString());
                            }
                        }
                        assertThat(p.nextToken()).isNull();
                    }
                    assertThat(fields).containsEntry("pos", Long.toString(c.position()))
                            .containsEntry("type", c.type().displayName())
                            .containsEntry("server_id", Long.toString(c.serverId()))
                            .containsEntry("file", f.getFileName().toString());
                    if (c.type().isRows()) {
                        assertThat(fields).containsKeys("table", "operation", "row_count");
                    }
                    i++;
                }
                assertThat(lines).hasSize(i);
            }
        }
    }
}
