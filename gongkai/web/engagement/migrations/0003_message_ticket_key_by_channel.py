# A numbered message is named by its channel and its number: two mailboxes may both have a
# letter 001, and the key of the number alone let the second overwrite the first.

from django.db import migrations


def _rekey(apps, key):
    Message = apps.get_model("engagement", "Message")
    numbered = Message.objects.filter(import_key__startswith="ticket|").exclude(ticket_number="")
    for message in numbered.iterator():
        message.import_key = key(message)[:400]
        message.save(update_fields=["import_key"])


def by_channel(apps, schema_editor):
    _rekey(apps, lambda m: f"ticket|{m.channel}|{m.ticket_number}")


def by_number(apps, schema_editor):
    _rekey(apps, lambda m: f"ticket|{m.ticket_number}")


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0002_importrun_register"),
    ]

    operations = [migrations.RunPython(by_channel, by_number)]
