# A numbered message, or one an import named, has the key an import finds it by, kept from
# its own fields: numbered messages entered by hand had none, and one corrected by hand
# kept the key of its old text. (Unnumbered ones entered by hand keep none.)

from django.db import migrations


def _key(m):
    if m.ticket_number:
        return f"ticket|{m.channel}|{m.ticket_number}"[:400]
    return f"{m.channel}|{m.received_on.isoformat()}|{m.topic}"[:400]


def rekey(apps, schema_editor):
    Message = apps.get_model("engagement", "Message")
    taken = set(Message.objects.exclude(import_key="").values_list("agency_id", "import_key"))
    for message in Message.objects.order_by("pk").iterator():
        if not (message.ticket_number or message.import_key):
            continue
        key = _key(message)
        if key == message.import_key or (message.agency_id, key) in taken:
            continue  # (a second message of the same key keeps its own: nothing is merged)
        taken.discard((message.agency_id, message.import_key))
        taken.add((message.agency_id, key))
        message.import_key = key
        message.save(update_fields=["import_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0003_message_ticket_key_by_channel"),
    ]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
