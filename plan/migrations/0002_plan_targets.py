"""The targets of the Phong Thổ district plan (../shared/context/plan-sam-lai-chau.vi.txt),
quoted from the Vietnamese original. Staff change them in the admin, with history."""

from decimal import Decimal

from django.db import migrations

AREA = (
    "Phát triển vùng trồng Sâm Lai Châu toàn huyện đạt khoảng 750 ha, tại các xã Sì Lở Lầu, "
    "Mồ Sì San, Vàng Ma Chải, Tung Qua Lìn, Dào San, Bản Lang, Sin Suối Hồ, Lản Nhì Thàng và "
    "một số vùng có khả năng thích ứng. 100% diện tích trồng Sâm Lai Châu được cấp mã số vùng "
    "trồng và chỉ dẫn địa lý."
)
HARVEST = (
    "Sản lượng khai thác Sâm Lai Châu năm 2030 đạt khoảng 5 tấn/năm (diện tích khai thác "
    "khoảng 25 ha/năm), đảm bảo nguồn gốc xuất xứ, đạt tiêu chuẩn GACP-WHO (Thực hành tốt "
    "nuôi trồng và thu hái dược liệu theo khuyến cáo của Tổ chức Y tế thế giới) hoặc tương "
    "đương."
)
GACP = (
    "Phối hợp lập hồ sơ quản lý, cấp mã số vùng trồng và truy xuất nguồn gốc đối với toàn bộ "
    "diện tích Sâm Lai Châu của các tổ chức, cá nhân theo tiêu chuẩn GACP-WHO hoặc tương đương."
)
SEED = (
    "Xây dựng vườn sưu tập nguồn gen Sâm Lai Châu làm cơ sở xây dựng từ 01 vườn giống gốc tại "
    "vùng sinh thái điển hình trên địa bàn huyện hoặc xây dựng 01 cơ sở sản xuất cây giống "
    "đảm bảo đủ điều kiện."
)

TARGETS = [
    ("area_ha", "Diện tích vùng trồng", "Growing area", "750", "ha", "II.2.1 ¶2", AREA),
    (
        "coded_share",
        "Diện tích được cấp mã số vùng trồng",
        "Area with a growing-area code",
        "100",
        "percent",
        "II.2.1 ¶2",
        AREA,
    ),
    (
        "gi_share",
        "Diện tích được cấp chỉ dẫn địa lý",
        "Area under the geographical indication",
        "100",
        "percent",
        "II.2.1 ¶2",
        AREA,
    ),
    (
        "gacp_share",
        "Diện tích theo tiêu chuẩn GACP-WHO",
        "Area to GACP-WHO",
        "100",
        "percent",
        "III.1.2 ¶3; II.2.1 ¶3",
        GACP,
    ),
    (
        "harvest_t",
        "Sản lượng khai thác",
        "Harvest",
        "5",
        "t_fresh",
        "II.2.1 ¶3",
        HARVEST,
    ),
    (
        "harvest_ha",
        "Diện tích khai thác",
        "Area harvested",
        "25",
        "ha_year",
        "II.2.1 ¶3",
        HARVEST,
    ),
    (
        "seed_qualified",
        "Vườn giống gốc hoặc cơ sở sản xuất cây giống",
        "Foundation seed garden or qualified nursery",
        "1",
        "count",
        "II.2.1 ¶1",
        SEED,
    ),
]


def add_targets(apps, schema_editor):
    PlanTarget = apps.get_model("plan", "PlanTarget")
    for key, label_vi, label_en, value, unit, source, quote in TARGETS:
        PlanTarget.objects.get_or_create(
            key=key,
            defaults={
                "label_vi": label_vi,
                "label_en": label_en,
                "value": Decimal(value),
                "unit": unit,
                "year": 2030,
                "source": source,
                "source_quote": quote,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("plan", "0001_initial")]

    operations = [migrations.RunPython(add_targets, migrations.RunPython.noop)]
