# Each import run says which register it filled (so each import page lists its own past
# runs) and how many bad rows it kept (so the list need not read them).

from django.db import migrations, models

# The column names each importer accepts for the fields it requires, as of this migration
# (gongkai/web/engagement/importing.py and record_import.py): a run's stored header holds at
# least one name of each, which says what was imported.
MESSAGE_RECEIVED = {"收到日期", "受理时间", "来信时间", "受理日期", "来信日期", "提交时间"}
MESSAGE_TOPIC = {"主题", "标题", "诉求内容", "信件标题", "事项"}
ACTIVITY_KIND = {"活动类型", "类型"}
ACTIVITY_DATE = {"日期", "活动日期", "举办日期"}


def _name(cell):
    return str(cell).strip().replace("(", "（").replace(")", "）")


def classify(apps, schema_editor):
    ImportRun = apps.get_model("engagement", "ImportRun")
    for run in ImportRun.objects.all().iterator():
        names = {_name(c) for c in run.header}
        if names & MESSAGE_RECEIVED and names & MESSAGE_TOPIC:
            run.register = "messages"
        elif names & ACTIVITY_KIND and names & ACTIVITY_DATE:
            run.register = "activities"
        else:
            run.register = "interpretations"
        run.bad_count = len(run.bad_rows)
        run.save(update_fields=["register", "bad_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="importrun",
            name="bad_count",
            field=models.PositiveIntegerField(default=0, verbose_name="有问题"),
        ),
        migrations.AddField(
            model_name="importrun",
            name="register",
            field=models.CharField(
                choices=[
                    ("messages", "政民互动事项"),
                    ("interpretations", "政策解读"),
                    ("activities", "政务公开活动"),
                ],
                default="messages",
                max_length=20,
                verbose_name="登记簿",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(classify, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="importrun",
            index=models.Index(
                fields=["agency", "register", "-at"], name="engagement__agency__c9bcf0_idx"
            ),
        ),
    ]
