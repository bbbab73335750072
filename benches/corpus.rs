//! Bench inputs: social-style sentences written for the benches, repeated
//! to a given size.
#![allow(dead_code)]

/// Thai social-media style sentences (written for this bench).
pub const THAI: &[&str] = &[
    "รอสายมา 2 ชั่วโมง ไม่มีใครรับเลย แย่มากกกก",
    "สั่งของไปตั้งแต่อาทิตย์ที่แล้ว ยังไม่ได้ของเลยค่ะ ติดต่อก็ไม่ได้",
    "พนักงานพูดจาไม่ดีเลย ถามอะไรก็ตอบแบบขอไปที",
    "บริการดีมากๆ ประทับใจสุดๆ จะกลับมาใช้บริการอีกแน่นอน",
    "ค่าส่งแพงเกินไปนะคะ ของก็มาช้า แพ็คมาไม่ดี กล่องบุบหมดเลย",
    "ทำไมเน็ตหลุดบ่อยจังคะ โทรไปแจ้งหลายรอบแล้วก็ยังไม่แก้ไขให้",
    "ขอบคุณแอดมินที่ช่วยตอบเร็วมากครับ แก้ปัญหาได้ทันที",
    "อาหารอร่อย แต่รอนานมาก เกือบชั่วโมงกว่าจะได้กิน",
    "ใครเคยโดนแบบนี้บ้าง ตัดเงินไปสองรอบ แต่ไม่คืนเงินให้",
    "จะยกเลิกสัญญาแล้วนะ ถ้ายังไม่แก้ไขภายในวันนี้",
    "แอปค้างตลอดเวลา อัพเดทแล้วก็ยังเป็นเหมือนเดิม",
    "ร้านนี้ดีมากกก พนักงานน่ารัก บริการประทับใจ",
    "สินค้าไม่ตรงปก สีไม่เหมือนในรูปเลย ผิดหวังมาก",
    "โทรไปคอลเซ็นเตอร์ โดนโอนสายไปมาห้ารอบ สุดท้ายวางสายใส่",
    "เมื่อไหร่จะได้เงินคืนคะ รอมาเป็นเดือนแล้ว",
    "รถเสียกลางทาง ศูนย์บริการบอกว่าต้องรอคิวอีกสองอาทิตย์",
    "ข้อมูลส่วนตัวรั่วไหลแบบนี้ บริษัทจะรับผิดชอบยังไง",
    "ประกาศขึ้นราคาโดยไม่แจ้งล่วงหน้า ลูกค้าเก่าก็ไม่สนใจเลย",
    "ชอบมากค่ะ ใช้มาหลายปีแล้ว ไม่เคยมีปัญหา",
    "จะรีวิวลงพันทิปให้คนอื่นรู้ว่าบริการแย่ขนาดไหน",
    "พรุ่งนี้จะไปร้องเรียนที่ สคบ. แล้วนะ",
    "ของแถมไม่ครบ ขาดไปสองชิ้น ทักไปก็อ่านไม่ตอบ",
    "เปิดบัญชีง่ายมาก ใช้เวลาไม่ถึงสิบนาที สะดวกสุดๆ",
    "ห้องพักสกปรก แอร์ไม่เย็น ไม่คุ้มกับราคาเลยจริงๆ",
    "เด็กๆชอบกินมาก ซื้อกลับบ้านทุกอาทิตย์",
    "ส่งผิดไซส์มาอีกแล้ว นี่ครั้งที่สามแล้วนะ",
    "เจ้าหน้าที่ใจดีมาก ช่วยอธิบายจนเข้าใจ ขอบคุณค่ะ",
    "ทำไมต้องรอคิวนานขนาดนี้ ทั้งที่จองไว้ล่วงหน้าแล้ว",
    "แนะนำเลยค่ะ คุณภาพดี ราคาไม่แพง ส่งไวมาก",
    "ไม่ซื้ออีกแล้ว เข็ดจริงๆ บอกต่อเพื่อนๆด้วย",
];

/// English social-media style sentences.
pub const ENGLISH: &[&str] = &[
    "Waited on hold for 2 hours and nobody picked up. Terrible service!!!",
    "@AcmeSupport my order still hasn't arrived, it's been three weeks #fail",
    "The staff were so rude, I'm never coming back. Sooooo disappointed.",
    "Great experience, the agent fixed everything in ten minutes :)",
    "They charged me twice and won't refund. Calling my bank tomorrow.",
    "Honestly the new update broke the app, can't even log in anymore",
    "Thanks for the quick reply! Problem solved 👍",
    "Price went up 30% with no notice. Cancelling my subscription.",
    "Wrong item AGAIN. This is the third time. Unbelievable.",
    "Love this place, friendly people and the food is amazing ❤️",
];

/// Hebrew social-media style sentences.
pub const HEBREW: &[&str] = &[
    "חיכיתי שעתיים על הקו ואף אחד לא ענה, שירות גרוע!!!",
    "ההזמנה שלי עדיין לא הגיעה, כבר שלושה שבועות",
    "הנציגה הייתה ממש לא נחמדה, לא אחזור לשם יותר",
    "שירות מעולה, הבעיה נפתרה תוך עשר דקות :)",
    "חייבו אותי פעמיים ולא מחזירים את הכסף",
    "העדכון החדש הרס את האפליקציה, אי אפשר להתחבר",
    "תודה על התגובה המהירה! הכל מסודר 👍",
    "המחיר עלה בלי הודעה מראש, אני מבטל את המנוי",
    "שלחו לי את המוצר הלא נכון שוב. פעם שלישית",
    "אוהבת את המקום הזה, אנשים נחמדים ואוכל מדהים",
];

/// The sentences joined by spaces, repeated, cut to about `bytes` bytes at a
/// character boundary.
pub fn text_of(sentences: &[&str], bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 256);
    'outer: loop {
        for t in sentences {
            if s.len() + t.len() + 1 > bytes {
                break 'outer;
            }
            s.push_str(t);
            s.push(' ');
        }
    }
    if s.is_empty() {
        s.push_str(sentences[0]);
    }
    s
}

/// Sizes measured: 1 KB, 100 KB, 10 MB.
pub const SIZES: &[(&str, usize)] = &[("1KB", 1_000), ("100KB", 100_000), ("10MB", 10_000_000)];
