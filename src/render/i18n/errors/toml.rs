//! The TOML reader's syntax mistakes, in the plain words `src/config/error.rs` says them
//! in (`SYNTAX` there), in Russian: "invalid unquoted key" and "invalid basic string" came
//! in English inside a Russian message.

use super::Template;

/// Each plain English wording and its Russian.
pub(super) const RUSSIAN_SYNTAX: [Template; 20] = [
    (
        "a key is written in Latin letters, digits, `-` and `_`, as the README's Configuration section lists them (`station`, `capacity`); a name in other letters, such as a station's, goes in quotes: [stations.\"Север\"]",
        "ключ пишется латинскими буквами, цифрами, `-` и `_`, как ключи в разделе Configuration файла README (`station`, `capacity`); название другими буквами, например станции, берётся в кавычки: [stations.\"Север\"]",
    ),
    (
        "the key is missing before the `=`: write key = value",
        "перед `=` нет ключа: пишите ключ = значение",
    ),
    (
        "the key has no value: write key = value",
        "у ключа нет значения: пишите ключ = значение",
    ),
    (
        "one `=` too many: write key = value",
        "лишний `=`: пишите ключ = значение",
    ),
    (
        "more follows the value on its line: write one key = value a line, a comment after #; a number's decimals follow a point (10.5), not a comma",
        "после значения в строке есть что-то ещё: пишите по одному «ключ = значение» в строке, комментарий — после #; дробную часть числа отделяйте точкой (10.5), а не запятой",
    ),
    (
        "a text must be in quotes, as in station = \"СТО Центр\" or language = \"ru\"",
        "текст пишется в кавычках: station = \"СТО Центр\", language = \"ru\"",
    ),
    (
        "a text in quotes is not closed: end it with \" on the same line",
        "текст в кавычках не закрыт: закончите его знаком \" в той же строке",
    ),
    (
        "a text in single quotes is not closed: end it with ' on the same line",
        "текст в одинарных кавычках не закрыт: закончите его знаком ' в той же строке",
    ),
    (
        "a text in triple quotes is not closed: end it with \"\"\"",
        "текст в тройных кавычках не закрыт: закончите его знаками \"\"\"",
    ),
    (
        "a text in triple single quotes is not closed: end it with '''",
        "текст в тройных одинарных кавычках не закрыт: закончите его знаками '''",
    ),
    (
        "a backslash in a text in quotes begins an escape such as \\n: write a backslash itself as \\\\ (\"C:\\\\exports\"), or put the text in single quotes ('C:\\exports')",
        "обратная косая черта в тексте в кавычках начинает особый знак, например \\n: саму черту пишите дважды, \\\\ (\"C:\\\\exports\"), или возьмите текст в одинарные кавычки ('C:\\exports')",
    ),
    (
        "the section's name is not closed: end it with ], as in [capacity]",
        "название раздела не закрыто: закончите его знаком ], например [capacity]",
    ),
    (
        "the section's name is not closed: end it with ]], as in [[holidays.fixed]]",
        "название раздела не закрыто: закончите его знаками ]], например [[holidays.fixed]]",
    ),
    (
        "the list is not closed: end it with ], as in [\"a\", \"b\"]",
        "список не закрыт: закончите его знаком ], например [\"a\", \"b\"]",
    ),
    (
        "the table in braces is not closed: end it with }, as in { day = 4, month = 11, name = \"День народного единства\" }",
        "таблица в фигурных скобках не закрыта: закончите её знаком }, например { day = 4, month = 11, name = \"День народного единства\" }",
    ),
    (
        "the items of a list are parted by commas: [\"a\", \"b\"]",
        "элементы списка разделяются запятыми: [\"a\", \"b\"]",
    ),
    (
        "the list has a comma with no item before it: [\"a\", \"b\"]",
        "в списке запятая, перед которой нет элемента: [\"a\", \"b\"]",
    ),
    (
        "a number does not begin with 0: write 1, not 01",
        "число не начинается с 0: пишите 1, а не 01",
    ),
    (
        "the number is not written right: its decimals follow a point, as in 10.5",
        "число записано неверно: дробная часть отделяется точкой, например 10.5",
    ),
    (
        "the whole number is not written right, as in 4",
        "целое число записано неверно; пример верной записи: 4",
    ),
];
