"""Answers in the person's language (`interaction.locale`), the email draft in English, the
command picker localised, the locale kept on the case for later DMs."""

from __future__ import annotations

import aiosqlite
from discord import ComponentType

from tests.cogs.helpers import ALICE, GUILD, MOD, components, custom_id, text_of
from tests.fakes.fake_discord_validate import command_errors

ES = {"locale": "es-ES"}
FORM = {
    "account": "alice-hf",
    "lock_message": "Your account has been locked.",
    "links": "",
    "activity": "I duplicated a Space.",
}


async def test_spanish_check_result_and_buttons(env):
    async with env.running():
        it = await env.command("checkaccount", {"account": "alice-hf"}, **ES)
        await it.wait_done(timeout=5)
        [result] = it.final_messages()
        text = text_of(result)
        assert "Comprobación de la cuenta: alice-hf" in text
        assert "No parece borrada" in text and "Repositorios públicos" in text
        assert "Does not look deleted" not in text and "Public repos" not in text
        labels = [c["label"] for c in components(result)]
        assert labels == ["Comandos de copia de seguridad", "Redactar apelación"]
        # the same report, asked for in English, is in English (the verdict is built per reader)
        again = await env.command("checkaccount", {"account": "alice-hf"})
        await again.wait_done(timeout=5)
        assert "Does not look deleted" in text_of(again.final_messages()[0])


async def test_spanish_guidance_and_an_english_draft(env):
    async with env.running():
        opener = await env.command("appeal", {"account": "alice-hf"}, **ES)
        modal = opener.modal or {}
        assert modal["title"] == "Borrador de apelación: los datos"
        assert "Cuenta de Hugging Face" in str(modal)
        submit = await env.discord.inject_modal_submit(opener, FORM, user=ALICE)
        await submit.wait_response()
        step = submit.original_message
        assert text_of(step).startswith("Gracias. Para **alice-hf**")
        send = await env.discord.inject_component(
            step, custom_id(step, label="Enviarme el borrador"), user=ALICE, **ES
        )
        await send.wait_done(timeout=5)
        assert "Enviado a tus mensajes directos" in text_of(send.final_messages()[0])
        dm = await env.discord.wait_for_dm(ALICE)
        content, embed = dm["content"], dm["embeds"][0]
        # the guidance in Spanish...
        assert "**Enviar a**" in content and "**Asunto**" in content
        fields = {f["name"]: f["value"] for f in embed["fields"]}
        assert "Antes de enviarlo" in fields and "Siguiente paso" in fields
        assert "Qué dice el correo (va en inglés para el equipo de Hugging Face)" in fields
        assert "Envíalo una sola vez" in fields["Antes de enviarlo"]
        # ...the email itself in English, in the message and in the attachment
        assert "Hello Hugging Face team," in content
        assert "Review request for locked account: alice-hf" in content
        [attachment] = dm["attachments"]
        sent = env.discord.store.blobs[int(attachment["id"])].decode()  # the file as uploaded
        assert "Hello Hugging Face team," in sent and "Gracias" not in sent
        labels = [c["label"] for c in components(dm)]
        assert labels[0].startswith("Lo envié: recuérdamelo el ")


async def test_a_form_error_in_spanish(env):
    """The appeal form's validation error, sent back through Discord in the person's language."""
    async with env.running():
        opener = await env.command("appeal", {"account": "alice-hf"}, **ES)
        bad = {**FORM, "links": "https://hf.co/alice-hf\nnope"}
        submit = await env.discord.inject_modal_submit(opener, bad, user=ALICE)
        await submit.wait_response()
        text = text_of(submit.original_message)
        assert "enlace 2: 'nope' no es un enlace; pega una dirección completa" in text
        assert "is not a link" not in text


async def test_case_list_filters_are_named_as_the_picker_names_them(env):
    async with env.running():
        it = await env.command(
            "case list", {"status": "open"}, user=MOD, check_permissions=False, **ES
        )
        assert "Casos (estado=open)" in text_of(it.original_message)


async def test_the_case_keeps_the_persons_locale(env):
    async with env.running():
        it = await env.command("checkaccount", {"account": "alice-hf"}, locale="pt-BR")
        await it.wait_done(timeout=5)
        async with aiosqlite.connect(env.settings.database_path) as db:
            [(locale,)] = await (await db.execute("SELECT locale FROM cases")).fetchall()
        assert locale == "pt-BR"


async def test_an_english_client_still_gets_english(env):
    async with env.running():
        opener = await env.command("appeal", {"account": "alice-hf"})
        assert (opener.modal or {})["title"] == "Appeal draft: the facts"


async def test_the_command_picker_is_localised(env):
    async with env.running():
        commands = {c["name"]: c for c in env.discord.commands[GUILD]}
    check = commands["checkaccount"]
    assert check["name_localizations"]["es-ES"] == "revisar-cuenta"
    assert check["name_localizations"]["es-419"] == "revisar-cuenta"
    assert "en-US" not in check["name_localizations"]  # English is the default name
    assert check["description_localizations"]["es-ES"].startswith("Mira qué sigue")
    [account] = [o for o in check["options"] if o["name"] == "account"]
    assert account["name_localizations"]["es-ES"] == "cuenta"
    case = commands["case"]
    [listing] = [o for o in case["options"] if o["name"] == "list"]
    [status] = [o for o in listing["options"] if o["name"] == "status"]
    assert {c["name_localizations"]["es-ES"] for c in status["choices"]} >= {"abierto"}


def test_the_fake_refuses_bad_localisations():
    """Discord refuses a localized name that breaks the naming rule, an unknown locale, a long
    description and two siblings with one localized name (docs: Localization)."""
    base = {"name": "appeal", "description": "Draft", "type": 1}
    assert command_errors([{**base, "name_localizations": {"es-ES": "apelar"}}]) == []
    for bad in (
        {"name_localizations": {"es-ES": "Apelar"}},
        {"name_localizations": {"es-ES": "dos palabras"}},
        {"name_localizations": {"xx": "apelar"}},
        {"description_localizations": {"de": "x" * 101}},
    ):
        assert command_errors([{**base, **bad}]), bad
    twins = [
        {**base, "name_localizations": {"fr": "appel"}},
        {**base, "name": "backup", "name_localizations": {"fr": "appel"}},
    ]
    assert command_errors(twins)


async def test_select_options_are_spanish(env):
    async with env.running():
        opener = await env.command("appeal", {"account": "alice-hf"}, **ES)
        submit = await env.discord.inject_modal_submit(opener, FORM, user=ALICE)
        await submit.wait_response()
        selects = [
            c for c in components(submit.original_message)
            if c["type"] == ComponentType.select.value
        ]  # fmt: skip
        assert selects[0]["placeholder"] == "Actividad reciente que puede importar (opcional)"
        assert any(o["label"].startswith("Dupliqué un Space") for o in selects[0]["options"])
        assert selects[1]["options"][0]["label"].endswith("hace menos de 5 días")


async def test_brazilian_portuguese_guidance_and_an_english_draft(env):
    """The issue's example: `locale: "pt-BR"` gets Portuguese guidance and an English draft."""
    async with env.running():
        opener = await env.command("appeal", {"account": "alice-hf"}, locale="pt-BR")
        submit = await env.discord.inject_modal_submit(opener, FORM, user=ALICE)
        await submit.wait_response()
        step = submit.original_message
        assert not text_of(step).startswith("Thanks")
        send = await env.discord.inject_component(
            step, custom_id(step, label="Me enviar o rascunho"), user=ALICE, locale="pt-BR"
        )
        await send.wait_done(timeout=5)
        dm = await env.discord.wait_for_dm(ALICE)
        content, embed = dm["content"], dm["embeds"][0]
        assert "Hello Hugging Face team," in content  # the email stays English
        fields = {f["name"] for f in embed["fields"]}
        assert "Before you send" not in fields and "Next step" not in fields
        assert "Antes de enviar" in fields and "Próximo passo" in fields
