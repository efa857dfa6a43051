package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.expr.Arith;
import io.nodedb.sql.expr.Casts;
import io.nodedb.sql.expr.Operators;
import io.nodedb.sql.expr.SqlValues;
import io.nodedb.sql.parser.TypeNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The expression evaluator: three-valued logic, comparison across types, casts, overflow. */
class ExprEvaluationTest {
    private static Database db;
    private static Session session;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseOptions.inMemory());
        session = new SqlEngine(db).newSession();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static String eval(String expr) {
        StatementResult r = session.execute("SELECT " + expr).getFirst();
        return SqlValues.display(r.rows().getFirst()[0]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "NULL AND NULL | NULL", "NULL AND false | false", "false AND NULL | false", "true AND NULL | NULL",
            "NULL OR true | true", "true OR NULL | true", "NULL OR false | NULL", "NOT NULL | NULL",
            "NOT (1 = 1) | false", "NULL IS NULL | true", "NULL IS NOT NULL | false", "NULL = NULL | NULL",
            "1 <> NULL | NULL", "NULL IS DISTINCT FROM NULL | false", "1 IS DISTINCT FROM NULL | true",
            "1 IN (2, NULL) | NULL", "1 NOT IN (2, NULL) | NULL", "1 IN (1, NULL) | true",
            "NULL BETWEEN 1 AND 2 | NULL", "5 BETWEEN NULL AND 2 | false", "NULL LIKE 'a' | NULL",
            "CASE WHEN NULL THEN 1 ELSE 2 END | 2", "NULL IS TRUE | false", "NULL IS NOT FALSE | true"})
    void threeValuedLogic(String expr, String expected) {
        assertThat(eval(expr)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1 = 1.0 | true", "1 = 1.0::FLOAT | true", "2 > 1.5 | true", "0.1::FLOAT = 0.1 | true",
            "'abc' < 'abd' | true", "'2024-01-01'::TIMESTAMP < '2024-01-02' | true", "1 + 1.5 | 2.5",
            "1 + 1.5::FLOAT | 2.5", "3 / 2 | 1", "-7 / 2 | -3", "-7 % 3 | -1", "7.0 / 3 | 2.3333333333333333",
            "1::FLOAT / 3 | 0.3333333333333333", "2 * 0.5 | 1.0"})
    void arithmeticAndComparison(String expr, String expected) {
        assertThat(eval(expr)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "9223372036854775807 + 1 | 22003", "(-9223372036854775807 - 1) * -1 | 22003",
            "(-9223372036854775807 - 1) / -1 | 22003", "abs(-9223372036854775807 - 1) | 22003",
            "- (-9223372036854775807 - 1) | 22003", "1 / 0 | 22012", "1 % 0 | 22012", "1.5 / 0 | 22012",
            "1::FLOAT / 0 | 22012", "1e308::FLOAT * 10 | 22003", "CAST(1e19 AS BIGINT) | 22003",
            "CAST('99999999999999999999' AS BIGINT) | 22003", "CAST('x' AS BIGINT) | 22P02",
            "CAST('x' AS UUID) | 22P02", "CAST('2024-99-01' AS TIMESTAMP) | 22008", "CAST(true AS UUID) | 42804",
            "'a' + 1 | 42804", "CAST('[1,2]' AS VECTOR(3)) | 22000"})
    void errors(String expr, String state) {
        assertThatThrownBy(() -> eval(expr)).isInstanceOfSatisfying(NodeDbException.class,
                e -> assertThat(e.state().code()).isEqualTo(state));
    }

    @Test
    void castsRoundTrip() {
        assertThat(Casts.cast(Value.of("12.50"), TypeNames.simple(ValueType.DECIMAL), UTC))
                .isEqualTo(new Value.Decimal(new BigDecimal("12.50")));
        assertThat(Casts.cast(Value.of(2.5), TypeNames.simple(ValueType.BIGINT), UTC)).isEqualTo(Value.of(2L));
        assertThat(Casts.cast(Value.of(3.5), TypeNames.simple(ValueType.BIGINT), UTC)).isEqualTo(Value.of(4L));
        assertThat(Casts.cast(Value.of("t"), TypeNames.simple(ValueType.BOOL), UTC)).isEqualTo(Value.TRUE);
        assertThat(Casts.cast(Value.NULL, TypeNames.simple(ValueType.BIGINT), UTC)).isEqualTo(Value.NULL);
        assertThat(Casts.cast(Value.of(List.of(1, 2)), TypeNames.simple(ValueType.TEXT), UTC))
                .isEqualTo(Value.of("[1,2]"));
        assertThat(SqlValues.display(Casts.cast(Value.of("2024-03-05 10:00:00+02"),
                TypeNames.simple(ValueType.TIMESTAMP), UTC))).isEqualTo("2024-03-05T08:00:00Z");
    }

    @Test
    void assignmentCastsRefuseLossyKinds() {
        assertThatThrownBy(() -> Casts.assign(Value.TRUE, TypeNames.simple(ValueType.BIGINT), "n", UTC))
                .isInstanceOfSatisfying(NodeDbException.class, e -> assertThat(e.state().code()).isEqualTo("42804"));
        assertThat(Casts.assign(Value.of("7"), TypeNames.simple(ValueType.BIGINT), "n", UTC)).isEqualTo(Value.of(7L));
        assertThat(Casts.assign(Value.of(7L), TypeNames.simple(ValueType.DOUBLE), "n", UTC)).isEqualTo(Value.of(7.0));
    }

    @Test
    void groupingKeysTreatEqualNumbersAsOne() {
        assertThat(SqlValues.groupKey(Value.of(1L))).isEqualTo(SqlValues.groupKey(Value.of(1.0)))
                .isEqualTo(SqlValues.groupKey(new Value.Decimal(new BigDecimal("1.00"))));
        assertThat(SqlValues.groupKey(Value.of(0.5))).isEqualTo(SqlValues.groupKey(
                new Value.Decimal(new BigDecimal("0.50"))));
    }

    @Test
    void comparisonOfUnrelatedTypesIsUnknownNotAnError() {
        assertThat(Operators.compare("=", Value.of("a"), Value.of(1L), UTC)).isEqualTo(Value.FALSE);
        assertThat(Operators.compare("<", Value.of("a"), Value.of(1L), UTC)).isEqualTo(Value.NULL);
        assertThat(Arith.apply("+", Value.NULL, Value.of(1L))).isEqualTo(Value.NULL);
    }

    @Test
    void doublesPrintLikePostgres() {
        assertThat(SqlValues.formatDouble(3.0)).isEqualTo("3");
        assertThat(SqlValues.formatDouble(0.1)).isEqualTo("0.1");
        assertThat(SqlValues.formatDouble(1e20)).isEqualTo("1e+20");
        assertThat(SqlValues.formatDouble(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(SqlValues.formatDouble(Double.NaN)).isEqualTo("NaN");
    }
}
