from django.apps import AppConfig


class EmulationConfig(AppConfig):
    """The emulation year after the plan: registrations, compact, criteria, scoring, review, proposal."""

    name = "emulation"
    verbose_name = "Đăng ký, chấm điểm, bình xét và đề nghị khen thưởng"

    def ready(self):
        # What the emulation papers print inside the plan pipeline (plans/section_blocks.py).
        from emulation import documents
        from plans import section_blocks
        from plans.choices import SectionBlock

        section_blocks.register(
            SectionBlock.REGISTERED_AWARDS, documents.registered_awards, document_types=("registration",)
        )
        section_blocks.register(
            SectionBlock.COMPACT_SIGNATURES, documents.compact_signatures, document_types=("compact",)
        )
        # The review meeting's minutes and the proposal's tờ trình (emulation/review_documents.py).
        from emulation import review_documents

        section_blocks.register(
            SectionBlock.ATTENDANCE, review_documents.attendance, document_types=("minutes",)
        )
        section_blocks.register(SectionBlock.BALLOT, review_documents.ballot, document_types=("minutes",))
        section_blocks.register(
            SectionBlock.PROPOSED, review_documents.proposed, document_types=("proposal",)
        )
        # The minutes' secretary signs beside the chair.
        from plans import co_signers

        co_signers.register("minutes", review_documents.secretary)
        # A tờ trình goes out only after the posting, with every objection answered.
        from emulation.services.proposals import issue_gate
        from plans import issue_gates

        issue_gates.register("emulation.proposal", issue_gate)
        # A compact goes out only with every member's signer named.
        from emulation.services import compact

        issue_gates.register("emulation.compact", compact.issue_gate)

        # The plan page of a registration's or a compact's document links back to its page.
        from emulation.views.panels import paper_panel
        from plans.panels import register

        register(paper_panel, position=40)

        # The reminders before a registration call's deadline, with the other daily work.
        from common.tasks import run_daily
        from emulation.tasks import send_registration_call_reminders

        run_daily(send_registration_call_reminders)

        # The demo's emulation year (plans cannot import this app).
        from emulation.demo import load_emulation_demo
        from plans.management.demo.loader import demo_loaded

        demo_loaded.connect(load_emulation_demo, dispatch_uid="emulation.demo")

        # The criteria table and the scores printed in documents (emulation/criteria_document.py).
        from emulation.criteria_document import register_blocks

        register_blocks()
