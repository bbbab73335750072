#!/usr/bin/env python3
"""Writes data/samples/stream.jsonl: a synthetic four-day stream of public
posts about three invented brands, in Thai, Hebrew, English and mixed text.

Everything here is written for this project (no third-party text); it is
licensed with the code (MIT OR Apache-2.0). Deterministic: seeded.

- AcmeAir (airline, Thai/English): quiet days with a daily rhythm, then on
  2026-11-19 from 09:00 Bangkok time a revolt: a cancelled-flight complaint
  spreads, the brand answers defensively, the customer escalates to a lawyer
  and a boycott call, an influencer joins, a stranded passenger is never
  answered.
- ShopFast (online shop, Hebrew): a broken-order complaint answered within
  15 minutes with an apology and a fix; the customer thanks them; fans post.
- Kafe (coffee chain, English): a quiet baseline.

Run: python3 data/samples/make_stream.py > data/samples/stream.jsonl
"""
import json
import math
import random
from datetime import datetime, timedelta, timezone

rng = random.Random(20261119)
START = datetime(2026, 11, 16, tzinfo=timezone.utc)
DAYS = 4
REVOLT = datetime(2026, 11, 19, 2, 0, tzinfo=timezone.utc)

TEXT = {
    "AcmeAir": {
        "pos": [
            "ขอบคุณ @AcmeAir พนักงานบริการดีมาก ประทับใจ",
            "Smooth flight to Chiang Mai with @AcmeAir, thank you crew!",
            "บินกับ AcmeAir ตรงเวลา ดีมากค่ะ",
            "Great legroom on the new @AcmeAir planes, love it",
            "ขอบคุณที่ช่วยเรื่องกระเป๋านะคะ @AcmeAir",
        ],
        "neu": [
            "AcmeAir มีโปรไฟลท์ไปภูเก็ตเดือนหน้าไหมครับ",
            "Does @AcmeAir allow two cabin bags on domestic flights?",
            "เช็คอินออนไลน์ AcmeAir ได้กี่ชั่วโมงก่อนบิน",
            "Booked AcmeAir BKK to HKT for December",
            "@AcmeAir what time does the Don Mueang counter open?",
        ],
        "neg": [
            "@AcmeAir ไฟลท์ดีเลย์อีกแล้ว รอมา 2 ชั่วโมง แย่มาก",
            "Waited 40 minutes on hold with @AcmeAir, still no answer",
            "กระเป๋าหาย AcmeAir ยังไม่ติดต่อกลับเลย",
            "@AcmeAir charged me twice for seat selection, need a refund",
            "พนักงาน AcmeAir พูดจาไม่ดีเลย ไม่พอใจ",
        ],
        "revolt": [
            "ไฟลท์ @AcmeAir โดนยกเลิกเหมือนกันค่ะ ไม่มีแจ้งล่วงหน้า #AcmeAirFail",
            "My AcmeAir flight was cancelled too, no notice and no refund #AcmeAirFail",
            "AcmeAir cancelled our family trip and the hotline is useless. Waiting 3 hours!! #AcmeAirFail",
            "ยกเลิกไฟลท์แล้วไม่คืนเงิน AcmeAir โกงชัดๆ #AcmeAirFail",
            "Same here, cancelled flight, @AcmeAir won't answer. Terrible",
            "รอสาย AcmeAir มา 3 ชั่วโมง ไฟลท์ยกเลิก เงินก็ไม่คืน แย่มาก",
            "@AcmeAir cancelled again?! Worst airline, never again #AcmeAirFail",
            "Everyone share this: @AcmeAir cancels flights and keeps the money #boycottAcmeAir",
            "แชร์ให้ทุกคนรู้ AcmeAir ยกเลิกไฟลท์ไม่คืนเงิน #แบนAcmeAir",
            "I'm done with AcmeAir, switching to another airline after this cancellation",
        ],
        "aliases": ["@AcmeAir", "#AcmeAirFail"],
        "tz": 7, "rate": 36.0,
    },
    "ShopFast": {
        "pos": [
            "הזמנתי מ-ShopFast והמשלוח הגיע תוך יום, מעולה",
            "תודה @ShopFast על השירות המהיר",
            "אהבתי את האריזה של ShopFast, ממליצה",
            "ShopFast delivered early, great service",
        ],
        "neu": [
            "יש ל-ShopFast משלוח לאילת?",
            "מתי ShopFast מתחילים את המבצע של סוף השנה",
            "ShopFast עובדים עם PayPal?",
        ],
        "neg": [
            "ShopFast המשלוח מתעכב כבר שבוע, גרוע",
            "קיבלתי מוצר לא נכון מ-ShopFast, מחכה לתשובה",
            "@ShopFast חייבו אותי פעמיים, רוצה החזר",
        ],
        "aliases": ["@ShopFast"],
        "tz": 2, "rate": 14.0,
    },
    "Kafe": {
        "pos": [
            "Best flat white in town at Kafe, love it",
            "Kafe barista remembered my order, thank you!",
            "Cozy morning at @KafeCoffee",
        ],
        "neu": [
            "Is Kafe open on Sunday?",
            "Kafe has a new seasonal menu",
            "Meeting friends at @KafeCoffee later",
        ],
        "neg": [
            "Kafe got my order wrong again, annoying",
            "Waited 25 minutes for a coffee at Kafe, too slow",
            "@KafeCoffee the oat milk price went up again, not happy",
        ],
        "aliases": ["@KafeCoffee"],
        "tz": 0, "rate": 12.0,
    },
}

posts = []
counter = [0]


def post(at, text, author, followers, topic=None, thread=None, is_brand=False, **extra):
    counter[0] += 1
    p = {
        "id": f"p{counter[0]:05d}",
        "created": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "text": text,
        "author": author,
        "followers": followers,
        "channel": "twitter",
    }
    if topic:
        p["topic"] = topic
    if thread:
        p["thread"] = thread
    if is_brand:
        p["is_brand"] = True
    p.update(extra)
    posts.append((at, counter[0], p))
    return p["id"]


def followers():
    return int(min(2_000_000, 40 / (1 - rng.random()) ** (1 / 1.1)))


def handle():
    return "@" + rng.choice(["nok", "beam", "ploy", "mike", "dana", "yossi", "noa", "june", "tee", "ami", "lee", "sam"]) + str(rng.randint(1, 9999))


# Quiet baseline with a daily rhythm in each brand's local time.
for brand, d in TEXT.items():
    t = START
    end = START + timedelta(days=DAYS)
    while t < end:
        local_hour = (t.hour + d["tz"]) % 24 + t.minute / 60
        shape = max(0.15, 1 + 0.8 * math.sin(2 * math.pi * (local_hour - 9) / 24))
        rate = d["rate"] * shape / 60  # per minute
        if rng.random() < rate:
            u = rng.random()
            kind = "neg" if u < 0.25 else ("pos" if u < 0.6 else "neu")
            text = rng.choice(d[kind])
            thread = None
            if kind == "neg" and rng.random() < 0.3:
                thread = f"th-{brand.lower()}-{counter[0] + 1}"
            pid = post(t + timedelta(seconds=rng.randint(0, 59)), text, handle(), followers(), thread=thread)
            if thread and rng.random() < 0.8 and not (brand == "AcmeAir" and t >= REVOLT):
                reply = {
                    "AcmeAir": "ขออภัยในความไม่สะดวกค่ะ ทีมงานส่งข้อความไปทาง DM แล้ว เราจะแก้ไขให้ภายในวันนี้",
                    "ShopFast": "מצטערים מאוד! שלחנו לך הודעה פרטית ונטפל בזה עוד היום",
                    "Kafe": "So sorry about that! We've sent you a DM and will make it right today.",
                }[brand]
                post(t + timedelta(minutes=rng.randint(10, 50)), reply, d["aliases"][0], 50_000, thread=thread, is_brand=True)
        t += timedelta(minutes=1)

# ShopFast answers well (day 3).
sf = datetime(2026, 11, 18, 8, 0, tzinfo=timezone.utc)
post(sf, "@ShopFast ההזמנה שלי הגיעה שבורה ואף אחד לא עונה, מחכה שבוע. שירות גרוע", "@noa_levi", 3_400, thread="th-sf-broken")
post(sf + timedelta(minutes=14), "נועה, אנחנו מצטערים מאוד, זו טעות שלנו. שלחנו היום מוצר חדש עם שליח ונעדכן אותך עד מחר בבוקר", "@ShopFast", 48_000, thread="th-sf-broken", is_brand=True)
post(sf + timedelta(minutes=40), "תודה רבה @ShopFast על התגובה המהירה! שירות מעולה", "@noa_levi", 3_400, thread="th-sf-broken")
for i, (who, n) in enumerate([("@galit_home", 120_000), ("@techdad_il", 64_000), ("@maya.cooks", 210_000)]):
    post(sf + timedelta(hours=2 + i), f"ממליצה בחום על ShopFast, הזמנתי כבר עשר פעמים ותמיד מעולה", who, n)

# The AcmeAir revolt.
R = REVOLT
first = post(R, "@AcmeAir ยกเลิกไฟลท์ TG-like 612 โดยไม่แจ้งล่วงหน้า รอสาย 3 ชั่วโมง ไม่มีใครรับ แย่มาก #AcmeAirFail",
             "@nicha_travels", 2_100, thread="th-acme-nicha")
# Spreading complaints: a ramp to a peak about two hours in, then a decline.
t = R + timedelta(minutes=3)
while t < R + timedelta(hours=6):
    m = (t - R).total_seconds() / 60
    per_hour = 200 * math.exp(-((m - 130) / 55) ** 2) + 8
    if rng.random() < per_hour / 60 / 2:
        post(t + timedelta(seconds=rng.randint(0, 29)), rng.choice(TEXT["AcmeAir"]["revolt"]), handle(), followers())
    t += timedelta(seconds=30)
post(R + timedelta(minutes=25), "@AcmeAir ยังไม่มีคำตอบเลย ขอคืนเงินเดี๋ยวนี้ ขอคุยกับผู้จัดการ refund now", "@nicha_travels", 2_100, thread="th-acme-nicha")
post(R + timedelta(minutes=35), "As stated in our terms of service, schedule changes may occur. Please check our website for the policy.",
     "@AcmeAir", 310_000, thread="th-acme-nicha", is_brand=True)
post(R + timedelta(minutes=41), "This is unacceptable, the worst answer ever @AcmeAir. Terrible. I am contacting my lawyer and sharing this everywhere. Everyone retweet #boycottAcmeAir",
     "@nicha_travels", 2_100, thread="th-acme-nicha")
post(R + timedelta(minutes=48), "So many followers telling me @AcmeAir cancelled flights without notice and refuses refunds. Terrible, avoid them.",
     "@travelwithmike", 850_000, verified=True, shares=1200, likes=5400)
post(R + timedelta(minutes=52), "@AcmeAir stranded at the airport with my elderly mother who needs her medication, flight cancelled, nobody helps us. Please help urgently",
     "@somchai_k", 640, thread="th-acme-stranded")
post(R + timedelta(minutes=70), "@AcmeAir ผู้โดยสารติดอยู่สนามบินเป็นร้อย ไม่มีใครดูแล สคบ. ต้องเข้ามาดูแล้ว #AcmeAirFail",
     "@newsdesk_th", 1_300_000, verified=True, shares=3000)

posts.sort(key=lambda p: (p[0], p[1]))
for _, _, p in posts:
    print(json.dumps(p, ensure_ascii=False))
