package com.salespulse.analytics.export;

import com.salespulse.analytics.metric.MetricAnswer;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A metric's answer as an XLSX workbook, written with Apache POI's streaming SXSSF (rows go to a temporary file as
 * they are written, so a long drill-down does not sit in memory): a sheet per table of {@link MetricTables}, in its
 * order, each with a bold header row kept in view. Numbers are numeric cells, dates date cells ({@code yyyy-mm-dd}),
 * instants date-time cells in the period's time zone (the answer's {@code period.timeZone}; Excel has no zones), text
 * text cells (never a formula).
 */
@Provider
@Produces(MetricAnswer.XLSX)
public class XlsxExport implements MessageBodyWriter<MetricAnswer<?>> {

    /** Excel's longest cell text. */
    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MetricAnswer.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(
            MetricAnswer<?> answer,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        List<MetricTables.Table> tables = MetricTables.of(answer, Exports.figuresType(answer, genericType));
        headers.putSingle("Content-Disposition", Exports.attachment(answer, null, "xlsx"));
        ZoneId zone = answer.period() == null
                ? ZoneOffset.UTC
                : ZoneId.of(answer.period().timeZone());
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        workbook.setCompressTempFiles(true);
        try {
            Styles styles = new Styles(workbook);
            for (MetricTables.Table table : tables) {
                sheet(workbook, styles, table, zone);
            }
            workbook.write(out);
        } finally {
            workbook.close();
            workbook.dispose();
        }
    }

    private static void sheet(SXSSFWorkbook workbook, Styles styles, MetricTables.Table table, ZoneId zone) {
        SXSSFSheet sheet = workbook.createSheet(table.name());
        Row header = sheet.createRow(0);
        for (int c = 0; c < table.columns().size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(table.columns().get(c));
            cell.setCellStyle(styles.header);
            sheet.setColumnWidth(
                    c, Math.min(60, Math.max(12, table.columns().get(c).length() + 2)) * 256);
        }
        sheet.createFreezePane(0, 1);
        int r = 1;
        for (List<Object> values : table.rows()) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < values.size(); c++) {
                cell(row, c, values.get(c), styles, zone);
            }
        }
    }

    private static void cell(Row row, int column, Object value, Styles styles, ZoneId zone) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            cell.setCellValue(bool);
        } else if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(styles.date);
        } else if (value instanceof Instant instant) {
            cell.setCellValue(LocalDateTime.ofInstant(instant, zone));
            cell.setCellStyle(styles.dateTime);
        } else {
            String text = value instanceof Enum<?> e ? e.name() : value.toString();
            cell.setCellValue(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
        }
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle date;
        final CellStyle dateTime;

        Styles(SXSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            short dates = workbook.createDataFormat().getFormat("yyyy-mm-dd");
            date = workbook.createCellStyle();
            date.setDataFormat(dates);
            dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        }
    }
}
