"""The ``tdkt`` command group. Each command lives in the module of its group (scoring, titles,
conferences, rules, report, audit, docs, diff) and is imported only when it runs, so ``tdkt
--help`` starts in a fraction of the time a command takes to import the library.

Exit codes: 0 every row judged; 1 some rows rejected (results for the rest still written);
2 rule, file or usage error.
"""
from __future__ import annotations

import importlib
from typing import Any

import click

from ..render.phrases import HELP_VI
from .lang import ENV, help_lang

#: command -> (module in this package, function, the line ``tdkt --help`` shows for it; the
#: command's own help uses the same line, see :func:`short`).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "score": ("scoring", "score", "Score DATA with RULES and print the ranked table."),
    "explain": ("scoring", "explain", "Explain one unit's score, class, rank and awards."),
    "titles": ("titles", "titles", "Decide emulation titles and commendations for a year."),
    "delegates": ("conferences", "delegates", "Select conference delegates for a level."),
    "plan-check": ("conferences", "plan_check", "Check chapters' conference plans."),
    "check": ("rules", "check", "Validate rule sets; print every problem with file and line."),
    "rules": ("rules", "list_rules", "List the bundled rule sets."),
    "report": ("report", "report", "Write a self-contained HTML report of a run."),
    "verify": ("audit", "verify", "Re-run an audit bundle and report any difference."),
    "docs": ("docs", "docs", "Write (or check) the readable rule catalogue."),
    "diff": ("diff", "diff", "Show what a change of rules changes on the same data."),
    "test": ("authoring", "test", "Run the cases in a rule set's tests/ folder."),
    "schema": ("authoring", "schema", "Write the JSON Schema of rule files, for editors."),
    "new": ("authoring", "new", "Create a new rule set to start from."),
    "template": ("template", "template", "Write a blank input workbook for a rule set."),
    "map": ("template", "map_columns", "Write a starting column map for a workbook."),
    "serve": ("serve", "serve", "Start the local web app and HTTP API."),
}

#: The same lines in Vietnamese (the default language of the command line).
COMMANDS_VI: dict[str, str] = {
    "score": "Chấm điểm DATA theo RULES và in bảng xếp hạng.",
    "explain": "Giải thích điểm, xếp loại, thứ hạng và khen thưởng của một đơn vị.",
    "titles": "Xét danh hiệu thi đua và khen thưởng của một năm.",
    "delegates": "Chọn đại biểu dự hội nghị điển hình tiên tiến của một cấp.",
    "plan-check": "Kiểm tra kế hoạch hội nghị của các đơn vị.",
    "check": "Kiểm tra bộ quy tắc; in mọi lỗi kèm tệp và dòng.",
    "rules": "Liệt kê các bộ quy tắc có sẵn.",
    "report": "Ghi báo cáo HTML của một lần chạy.",
    "verify": "Chạy lại gói kiểm toán và báo mọi khác biệt.",
    "docs": "Ghi (hoặc kiểm tra) danh mục quy tắc.",
    "diff": "So sánh kết quả khi thay đổi bộ quy tắc trên cùng dữ liệu.",
    "template": "Ghi biểu mẫu nhập số liệu trống cho một bộ quy tắc.",
    "map": "Ghi bảng ánh xạ cột ban đầu cho một bảng tính.",
    "test": "Chạy các trường hợp kiểm thử trong thư mục tests/ của bộ quy tắc.",
    "schema": "Ghi lược đồ JSON của tệp quy tắc, để trình soạn thảo hỗ trợ.",
    "new": "Tạo một bộ quy tắc mới để bắt đầu.",
    "serve": "Mở ứng dụng web và API HTTP trên máy này.",
}


def short(command: str) -> str:
    """The one-line help of ``command``, for its ``short_help``."""
    return COMMANDS[command][2]


def _short(command: str, lang: str) -> str:
    """The one-line help in ``lang``; English where no Vietnamese line is written yet."""
    return COMMANDS[command][2] if lang == "en" else COMMANDS_VI.get(command,
                                                                     COMMANDS[command][2])


class LazyGroup(click.Group):
    """A group whose commands are imported when called (see :data:`COMMANDS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        spec = COMMANDS.get(name)
        if spec is None:
            return None
        module = importlib.import_module(f"{__package__}.{spec[0]}")
        return getattr(module, spec[1])

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        lang = help_lang(ctx)
        rows = [(name, _short(name, lang)) for name in self.list_commands(ctx)]
        with formatter.section("Commands" if lang == "en" else "Lệnh"):
            formatter.write_dl(rows)

    def format_usage(self, ctx: click.Context, formatter: Any) -> None:
        prefix = "Usage: " if help_lang(ctx) == "en" else "Cách dùng: "
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=prefix)

    def format_help_text(self, ctx: click.Context, formatter: Any) -> None:
        if help_lang(ctx) == "en":
            return super().format_help_text(ctx, formatter)
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(HELP_VI["main help"])

    def format_options(self, ctx: click.Context, formatter: Any) -> None:
        en = help_lang(ctx) == "en"
        rows = [r for r in (p.get_help_record(ctx) for p in self.get_params(ctx)
                            if isinstance(p, click.Option)) if r]
        if not en:
            words = {"--version": "in phiên bản và thoát", "--help": "in trợ giúp này và thoát",
                     "--lang": "ngôn ngữ: vi (mặc định) hoặc en; hoặc đặt TDKT_LANG"}
            rows = [(a, next((v for k, v in words.items() if k in a), b)) for a, b in rows]
        with formatter.section("Options" if en else "Tùy chọn"):
            formatter.write_dl(rows)
        self.format_commands(ctx, formatter)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="thiduakhenthuong")
@click.option("--lang", type=click.Choice(["vi", "en"]), envvar=ENV, default=None,
              is_eager=True, expose_value=False,
              help="language of help and messages: vi (default) or en; or set TDKT_LANG")
def main() -> None:
    """Emulation scoring and commendation by declarative rules (thi đua, khen thưởng)."""
