import type { Language } from '../common/i18n/language.js';
import type { CompletionMethod, ModuleKind } from '../programmes/curriculum-module.types.js';

/**
 * The demo's curriculum content: a Hebrew-speaking network's programmes, written in Hebrew (the
 * original) with translations. Kept apart from the code that seeds it, the way an author's texts
 * are apart from the editor.
 */

export interface DemoTexts {
  title: string;
  description: string;
}

export interface DemoModuleTexts {
  title: string;
  summary: string;
  bodyMd: string;
  learningObjectives?: string;
  reflectionPrompt?: string;
  submissionInstructions?: string;
}

/** Texts by language: `he` is the original; the others are its translations. */
export type InLanguages<T> = { he: T } & Partial<Record<Exclude<Language, 'he'>, T>>;

export interface DemoModule {
  key: string;
  kind: ModuleKind;
  method: CompletionMethod;
  opens: number;
  due: number;
  hours: string;
  required?: boolean;
  /** Keys of modules (earlier in the programme) this one needs. */
  needs?: string[];
  texts: InLanguages<DemoModuleTexts>;
}

export interface DemoPhase {
  texts: InLanguages<DemoTexts>;
  modules: DemoModule[];
}

export interface DemoProgramme {
  texts: InLanguages<DemoTexts>;
  rules: { minSessionsAttended: number; minReflections: number; minWorkshopAttendancePct: number; contactIntervalDays: number };
  phases: DemoPhase[];
}

/** The network template (SPEC §1, §3): four stages over about two years; offsets are days from the cohort's start. */
export const NETWORK_TEMPLATE: DemoProgramme = {
  texts: {
    he: {
      title: 'מאיץ המורים העירוני',
      description:
        'המאיץ הדו־שנתי של הרשת למורות ולמורים של העיר: חינוך אישי הלכה למעשה. המורים מגלים את הייחודיות שלהם (אני), לומדים לראות את הייחודיות של כל תלמיד ותלמידה (את/ה) ובונים עשייה משותפת בבית הספר ובעיר (אנחנו), עם חונכים, מסעות למידה ותלקיט רפלקטיבי.',
    },
    en: {
      title: 'Municipal Teacher Accelerator',
      description:
        'The network’s two-year accelerator for a city’s teachers: personal education in practice. Teachers find their own uniqueness (Me), learn to see each student’s (You) and build shared work in the school and the city (Us), with mentors, learning expeditions and a reflective portfolio.',
    },
    ar: {
      title: 'مسرّع المعلمين البلدي',
      description:
        'المسرّع الذي تقدّمه الشبكة لمعلمات المدينة ومعلميها على مدى سنتين: التربية الشخصية في الممارسة. يكتشف المعلمون تميّزهم (أنا)، ويتعلّمون رؤية تميّز كل طالب وطالبة (أنت)، ويبنون عملًا مشتركًا في المدرسة والمدينة (نحن)، مع مرشدين ورحلات تعليمية وملف إنجاز تأمّلي.',
    },
  },
  rules: { minSessionsAttended: 8, minReflections: 6, minWorkshopAttendancePct: 75, contactIntervalDays: 30 },
  phases: [
    {
      texts: {
        he: { title: 'היכרות', description: 'המחזור מתגבש: מורים, חונכים ומחלקת החינוך של העיר נפגשים ומסכמים איך ילמדו יחד.' },
        en: {
          title: 'Getting to know each other',
          description: 'The cohort forms: teachers, mentors and the city’s education department meet and agree how they will learn together.',
        },
        ar: { title: 'التعارف', description: 'يتشكّل الفوج: يلتقي المعلمون والمرشدون وقسم التعليم في المدينة ويتفقون على كيفية التعلّم معًا.' },
      },
      modules: [
        {
          key: 'opening',
          kind: 'workshop',
          method: 'attendance',
          opens: 0,
          due: 14,
          hours: '4',
          texts: {
            he: {
              title: 'סדנת פתיחה: העיר כבית ספר אחד גדול',
              summary: 'יום משותף במרכז החינוך העירוני: למה העיר מפעילה מאיץ, ואיך ייראו השנתיים הקרובות.',
              bodyMd:
                '## מה קורה ביום הזה\n\n- דברי פתיחה של מנהלת מחלקת החינוך\n- הסיפור של תוכנית החינוך האישי בעיר\n- מפגש ראשון עם מעגל החונכות שלך\n\n## מה להביא\n\nתמונה או חפץ מהכיתה שלך שמספרים משהו על הדרך שבה את/ה מלמד/ת.',
              learningObjectives: 'להכיר את מסלול המאיץ ואת האנשים בו.\nלנסח תקווה אחת וחשש אחד לקראת השנתיים.',
            },
            en: {
              title: 'Opening workshop: the city as one big school',
              summary: 'A day together at the municipal education centre: why the city runs an accelerator and what two years will look like.',
              bodyMd:
                '## What happens on the day\n\n- Welcome from the head of the education department\n- The story of the city’s programme for personal education\n- Meeting your mentoring circle\n\n## Bring with you\n\nA photo or object from your classroom that says something about how you teach.',
              learningObjectives: 'Know the accelerator’s path and people.\nName one hope and one worry for the two years.',
            },
            ar: {
              title: 'ورشة الافتتاح: المدينة مدرسة واحدة كبيرة',
              summary: 'يوم مشترك في مركز التربية البلدي: لماذا تدير المدينة مسرّعًا، وكيف ستبدو السنتان القادمتان.',
              bodyMd:
                '## ماذا يحدث في هذا اليوم\n\n- كلمة افتتاحية لمديرة قسم التعليم\n- قصة برنامج التربية الشخصية في المدينة\n- لقاء أول مع حلقة الإرشاد الخاصة بك\n\n## ماذا تُحضر/ين معك\n\nصورة أو غرضًا من صفّك يقول شيئًا عن طريقتك في التدريس.',
              learningObjectives: 'التعرّف على مسار المسرّع والأشخاص المشاركين فيه.\nصياغة أمل واحد وتخوّف واحد للسنتين القادمتين.',
            },
          },
        },
        {
          key: 'me',
          kind: 'online',
          method: 'self',
          opens: 7,
          due: 45,
          hours: '3',
          texts: {
            he: {
              title: 'אני: לגלות את הייחודיות שלי',
              summary: 'דיוקן עצמי מודרך: החוזקות שלך, הסיפור שלך כמחנך/ת ומה את/ה רוצה לפתח.',
              bodyMd:
                '## אני, את/ה, אנחנו\n\nחינוך אישי מתחיל במחנכים. לפני שנוכל לראות את הייחודיות של כל תלמיד ותלמידה, נתבונן בייחודיות שלנו.\n\n1. כתבו את הסיפור של רגע שבו הייתם במיטבכם כמורים.\n2. שאלו שני עמיתים מה החוזקה שהם רואים בכם.\n3. השוו: מה הפתיע אתכם?',
              learningObjectives: 'לתאר במילים שלך את החוזקות שלך כמחנך/ת.',
              reflectionPrompt: 'מה למדת על עצמך שלא ציפית לו?',
            },
            en: {
              title: 'Me: finding my own uniqueness',
              summary: 'A guided self-portrait: your strengths, your story as an educator and what you want to grow.',
              bodyMd:
                '## Me, You, Us\n\nPersonal education starts with the educator. Before we can see each student’s uniqueness, we look at our own.\n\n1. Write the story of a moment when you were at your best as a teacher.\n2. Ask two colleagues what they see as your strength.\n3. Compare: what surprised you?',
              learningObjectives: 'Describe your own strengths as an educator in your own words.',
              reflectionPrompt: 'What did you learn about yourself that you did not expect?',
            },
            ar: {
              title: 'أنا: اكتشاف تميّزي الشخصي',
              summary: 'صورة ذاتية موجَّهة: نقاط قوتك، وقصتك كمربٍّ/ية، وما تريد/ين تطويره.',
              bodyMd:
                '## أنا، أنت، نحن\n\nتبدأ التربية الشخصية بالمربّين. قبل أن نرى تميّز كل طالب وطالبة، ننظر إلى تميّزنا نحن.\n\n1. اكتبوا قصة لحظة كنتم فيها في أفضل حالاتكم كمعلمين.\n2. اسألوا زميلين عن نقطة القوة التي يريانها فيكم.\n3. قارنوا: ما الذي فاجأكم؟',
              learningObjectives: 'أن تصف/ي بكلماتك نقاط قوتك كمربٍّ/ية.',
              reflectionPrompt: 'ماذا تعلّمت عن نفسك ولم تتوقعه؟',
            },
          },
        },
        {
          key: 'you',
          kind: 'practicum',
          method: 'approval',
          opens: 30,
          due: 90,
          hours: '6',
          needs: ['me'],
          texts: {
            he: {
              title: 'את/ה: לראות כל תלמיד ותלמידה',
              summary: 'בחרו שלושה תלמידים שאתם מכירים הכי פחות, והקדישו חודש להכיר אותם כבני אדם.',
              bodyMd:
                '## התרגול\n\nבמשך ארבעה שבועות, קיימו בכל שבוע שיחה אישית קצרה עם כל אחד משלושה תלמידים שאתם מרגישים שאתם מכירים הכי פחות.\n\n## למה זה חשוב\n\nכל ילד וילדה צריכים לפחות מבוגר אחד שמכיר אותם באמת. השיחות הקצרות האלה הן הצעד הראשון.',
              reflectionPrompt: 'מה השתנה באופן שבו את/ה רואה את התלמיד הזה – ובאופן שבו הוא רואה אותך?',
              submissionInstructions:
                'דיוקן של עמוד אחד של אחד התלמידים (בלי שם מלא): מה גיליתם על תחומי העניין ועל החוזקות שלו, ושינוי אחד שעשיתם בכיתה בעקבות זה.',
            },
            en: {
              title: 'You: seeing each student',
              summary: 'Choose three students you know least and spend a month getting to know them as people.',
              bodyMd:
                '## The practice\n\nFor four weeks, hold a short personal conversation every week with each of three students you feel you know least.\n\n## Why it matters\n\nEvery child needs at least one adult who really knows them. These short conversations are the first step.',
              reflectionPrompt: 'What changed in how you see this student — and how they see you?',
              submissionInstructions:
                'A one-page portrait of one student (no full name): what you discovered about their interests and strengths, and one change you made in class because of it.',
            },
            ar: {
              title: 'أنت: أن نرى كل طالب وطالبة',
              summary: 'اختاروا ثلاثة طلاب تعرفونهم أقل من غيرهم، وخصّصوا شهرًا للتعرّف عليهم كأشخاص.',
              bodyMd:
                '## الممارسة\n\nعلى مدى أربعة أسابيع، أجروا كل أسبوع محادثة شخصية قصيرة مع كل واحد من ثلاثة طلاب تشعرون أنكم تعرفونهم أقل من غيرهم.\n\n## لماذا هذا مهم\n\nكل طفل وطفلة بحاجة إلى شخص بالغ واحد على الأقل يعرفهم حقًا. هذه المحادثات القصيرة هي الخطوة الأولى.',
              reflectionPrompt: 'ما الذي تغيّر في نظرتك إلى هذا الطالب، وفي نظرته إليك؟',
              submissionInstructions:
                'صورة شخصية من صفحة واحدة لأحد الطلاب (من دون الاسم الكامل): ما الذي اكتشفتموه عن اهتماماته ونقاط قوته، وتغيير واحد أجريتموه في الصف بسبب ذلك.',
            },
          },
        },
        {
          key: 'circles',
          kind: 'workshop',
          method: 'attendance',
          opens: 45,
          due: 75,
          hours: '3',
          texts: {
            he: {
              title: 'מעגלי חונכות: הסכמות ללמידה משותפת',
              summary: 'המפגש הראשון של מעגל החונכות שלך: איך נותנים משוב, שומרים על אמון ותומכים זה בזה.',
              bodyMd:
                '## הסכמות\n\nכל מעגל כותב את ההסכמות שלו. מעגלים רבים מתחילים מאלה:\n\n- מה שנאמר במעגל נשאר במעגל\n- מתארים לפני ששופטים\n- כל אחת ואחד מביאים בכל חודש שאלה אחת מהכיתה',
            },
            en: {
              title: 'Mentoring circles: agreements for learning together',
              summary: 'The first meeting of your mentoring circle: how we give feedback, keep confidence and support each other.',
              bodyMd:
                '## Agreements\n\nThe circle writes its own agreements. Many circles start from these:\n\n- What is said in the circle stays in the circle\n- We describe before we judge\n- Everyone brings one question from their classroom each month',
            },
            ar: {
              title: 'حلقات الإرشاد: اتفاقات للتعلّم المشترك',
              summary: 'اللقاء الأول لحلقة الإرشاد الخاصة بك: كيف نقدّم التغذية الراجعة، ونحافظ على الثقة، ويدعم بعضنا بعضًا.',
              bodyMd:
                '## الاتفاقات\n\nتكتب كل حلقة اتفاقاتها الخاصة. تبدأ حلقات كثيرة من هذه:\n\n- ما يُقال في الحلقة يبقى في الحلقة\n- نصف قبل أن نحكم\n- تُحضر كل واحدة وكل واحد سؤالًا واحدًا من الصف كل شهر',
            },
          },
        },
      ],
    },
    {
      texts: {
        he: { title: 'מסעות למידה משותפים', description: 'ללמוד מאחרים: ביקורים בבתי ספר ובמקומות בעיר ובעיר אחרת ברשת.' },
        en: {
          title: 'Shared learning expeditions',
          description: 'Learning from others: visits to schools and places in the city and in another city of the network.',
        },
        ar: { title: 'رحلات تعليمية مشتركة', description: 'التعلّم من الآخرين: زيارات إلى مدارس وأماكن في المدينة وفي مدينة أخرى في الشبكة.' },
      },
      modules: [
        {
          key: 'schoolVisit',
          kind: 'expedition',
          method: 'attendance',
          opens: 100,
          due: 150,
          hours: '5',
          texts: {
            he: {
              title: 'מסע למידה: בית ספר בעיר שלנו',
              summary: 'בוקר בבית ספר בעיר שעובד בגישת החינוך האישי, עם זמן לשיחה עם המורים והתלמידים שלו.',
              bodyMd:
                '## לפני הביקור\n\nבחרו שאלה אחת שתרצו לקבל עליה תשובה, למשל: „איך הם מוצאים זמן לשיחות אישיות?”\n\n## במהלך הביקור\n\nצפו בשיעור אחד, פגשו את צוות המורים ושוחחו עם שני תלמידים.',
            },
            en: {
              title: 'Learning expedition: a school in our city',
              summary: 'A morning in a school of the city that works with personal education, with time to talk with its teachers and students.',
              bodyMd:
                '## Before the visit\n\nChoose one question you want answered, e.g. “How do they make time for personal conversations?”\n\n## During the visit\n\nObserve one lesson, meet the staff team, and talk with two students.',
            },
            ar: {
              title: 'رحلة تعليمية: مدرسة في مدينتنا',
              summary: 'صباح في مدرسة في المدينة تعمل بنهج التربية الشخصية، مع وقت للحديث مع معلميها وطلابها.',
              bodyMd:
                '## قبل الزيارة\n\nاختاروا سؤالًا واحدًا تريدون الحصول على إجابة عنه، مثلًا: «كيف يجدون وقتًا للمحادثات الشخصية؟»\n\n## خلال الزيارة\n\nشاهدوا درسًا واحدًا، والتقوا بطاقم المعلمين، وتحدّثوا مع طالبين.',
            },
          },
        },
        {
          key: 'otherCity',
          kind: 'expedition',
          method: 'approval',
          opens: 140,
          due: 210,
          hours: '8',
          needs: ['schoolVisit'],
          texts: {
            he: {
              title: 'מסע למידה לעיר אחרת ברשת',
              summary: 'סיור למידה בעיר שותפה: איך רשות אחרת הפכה את בתי הספר ואת הקהילה שלה למרחב למידה אחד.',
              bodyMd: '## יומן המסע\n\nתעדו שלושה רעיונות שתוכלו להביא לבית הספר שלכם. שימו לב במיוחד למה שמאפשר לרעיון לעבוד שם: אנשים, זמן, מקום.',
              reflectionPrompt: 'איזה רעיון מהעיר האחרת יתאים לבית הספר שלך, ומה יצטרך להשתנות כדי שיעבוד?',
              submissionInstructions: 'את יומן המסע, ורעיון אחד מתוכו מפותח לתוכנית קטנה: מה, עם מי ומתי.',
            },
            en: {
              title: 'Learning expedition to another city of the network',
              summary: 'A learning tour to a partner city: how another municipality turned its schools and community into one learning space.',
              bodyMd:
                '## Your expedition journal\n\nNote three ideas you could bring back to your school. Look especially at what lets an idea work there: people, time, place.',
              reflectionPrompt: 'Which idea from the other city would fit your school, and what would have to change for it to work?',
              submissionInstructions: 'The journal, with one of its ideas worked out as a small plan: what, with whom and when.',
            },
            ar: {
              title: 'رحلة تعليمية إلى مدينة أخرى في الشبكة',
              summary: 'جولة تعليمية في مدينة شريكة: كيف حوّلت سلطة محلية أخرى مدارسها ومجتمعها إلى حيّز تعلّم واحد.',
              bodyMd: '## دفتر الرحلة\n\nدوّنوا ثلاث أفكار يمكنكم نقلها إلى مدرستكم. انتبهوا خصوصًا إلى ما يتيح للفكرة أن تنجح هناك: الأشخاص والوقت والمكان.',
              reflectionPrompt: 'أيّ فكرة من المدينة الأخرى تناسب مدرستك، وما الذي يجب أن يتغيّر كي تنجح؟',
              submissionInstructions: 'دفتر الرحلة، مع تطوير فكرة واحدة منه إلى خطة صغيرة: ماذا، ومع مَن، ومتى.',
            },
          },
        },
        {
          key: 'cityClassroom',
          kind: 'practicum',
          method: 'approval',
          opens: 160,
          due: 260,
          hours: '6',
          texts: {
            he: {
              title: 'העיר ככיתה: למידה מחוץ לבית הספר',
              summary: 'תכננו והעבירו שיעור אחד שמתקיים בעיר – במוזיאון, בפארק, בחוף או בעסק מקומי – עם שותף מהקהילה.',
              bodyMd: '## שלבים\n\n1. מצאו שותף בקהילה.\n2. תכננו איתו את השיעור.\n3. העבירו אותו ואספו את הרפלקציות של התלמידים.',
              submissionInstructions: 'את תוכנית השיעור, תמונות (בלי פני תלמידים) ומה שהתלמידים אמרו.',
            },
            en: {
              title: 'The city as a classroom: learning outside school',
              summary:
                'Plan and run one lesson that takes place in the city — a museum, a park, the beach, a local business — with a partner from the community.',
              bodyMd: '## Steps\n\n1. Find a partner in the community.\n2. Plan the lesson with them.\n3. Run it and collect the students’ reflections.',
              submissionInstructions: 'The plan, photos (without students’ faces) and what the students said.',
            },
            ar: {
              title: 'المدينة صفًّا: التعلّم خارج المدرسة',
              summary: 'خطّطوا ونفّذوا درسًا واحدًا يجري في المدينة، في متحف أو حديقة أو على الشاطئ أو في مصلحة محلية، مع شريك من المجتمع.',
              bodyMd: '## الخطوات\n\n1. جِدوا شريكًا في المجتمع.\n2. خطّطوا الدرس معه.\n3. نفّذوه واجمعوا تأمّلات الطلاب.',
              submissionInstructions: 'خطة الدرس، وصورًا (من دون وجوه الطلاب)، وما قاله الطلاب.',
            },
          },
        },
        {
          key: 'us',
          kind: 'workshop',
          method: 'attendance',
          opens: 200,
          due: 240,
          hours: '4',
          texts: {
            he: {
              title: 'אנחנו: אמנות שיתוף הפעולה',
              summary: 'סדנה על עשייה יצירתית משותפת: הוראה בצוות, פרויקטים של חדר המורים ועבודה עם הורים.',
              bodyMd: '## שלוש צורות של „אנחנו”\n\n- שני מורים, כיתה אחת\n- צוות מורים סביב שכבה אחת\n- בית הספר, המשפחות והקהילה',
            },
            en: {
              title: 'Us: the art of collaboration',
              summary: 'A workshop on shared creative work: co-teaching, staff-room projects and working with parents.',
              bodyMd: '## Three forms of “Us”\n\n- Two teachers, one class\n- A staff team around one grade\n- School, families and the community',
            },
            ar: {
              title: 'نحن: فنّ التعاون',
              summary: 'ورشة عن العمل الإبداعي المشترك: التدريس المشترك، ومشاريع غرفة المعلمين، والعمل مع الأهالي.',
              bodyMd: '## ثلاثة أشكال لـ«نحن»\n\n- معلّمان، صفّ واحد\n- طاقم معلمين حول طبقة واحدة\n- المدرسة والعائلات والمجتمع',
            },
          },
        },
      ],
    },
    {
      texts: {
        he: { title: 'עיצוב המודל העירוני', description: 'צוותי המחזור מעצבים איך ייראה החינוך האישי בבתי הספר שלהם ובעיר.' },
        en: { title: 'Designing the city’s model', description: 'Cohort teams design how personal education will look in their schools and in the city.' },
        ar: { title: 'تصميم النموذج البلدي', description: 'تصمّم طواقم الفوج كيف ستبدو التربية الشخصية في مدارسها وفي المدينة.' },
      },
      modules: [
        {
          key: 'studio',
          kind: 'workshop',
          method: 'attendance',
          opens: 330,
          due: 380,
          hours: '6',
          texts: {
            he: {
              title: 'סטודיו לעיצוב: המודל של בית הספר שלנו לחינוך אישי',
              summary: 'צוותים מכל בית ספר משרטטים את המודל שלהם: זמן לשיחות אישיות, חונכות לתלמידים, ואיך רואים התקדמות.',
              bodyMd: '## מה יוצאים איתו\n\nכל צוות בית ספרי יוצא עם טיוטה של עמוד אחד של המודל שלו ועם השאלות שעדיין פתוחות.',
            },
            en: {
              title: 'Design studio: our school’s model of personal education',
              summary: 'Teams from each school draft their model: time for personal conversations, mentoring of students, and how progress is seen.',
              bodyMd: '## Studio outputs\n\nEach school team leaves with a one-page draft of its model and the questions it still has.',
            },
            ar: {
              title: 'استوديو التصميم: نموذج مدرستنا للتربية الشخصية',
              summary: 'طواقم من كل مدرسة ترسم نموذجها: وقت للمحادثات الشخصية، وإرشاد الطلاب، وكيف يُرى التقدّم.',
              bodyMd: '## مخرجات الاستوديو\n\nيخرج كل طاقم مدرسي بمسودة من صفحة واحدة لنموذجه وبالأسئلة التي ما زالت مفتوحة.',
            },
          },
        },
        {
          key: 'pilot',
          kind: 'practicum',
          method: 'approval',
          opens: 360,
          due: 470,
          hours: '10',
          needs: ['you'],
          texts: {
            he: {
              title: 'חונכות אישית לתלמידים: פיילוט',
              summary: 'הפעילו פיילוט של עשרה שבועות של חונכות אישית לקבוצה קטנה של תלמידים, לפי טיוטת המודל של בית הספר.',
              bodyMd:
                '## הפיילוט\n\nבחרו ארבעה עד שישה תלמידים ונפגשו עם כל אחד מהם פעם בשבועיים, לאורך עשרה שבועות.\n\n> שמרו על פרטיות התלמידים: בלי שמות מלאים ובלי פרטים מזהים.',
              reflectionPrompt: 'מה לימד אותך הפיילוט על הזמן ועל האמון שחונכות אישית דורשת?',
              submissionInstructions: '- תוכנית הפיילוט\n- יומן קצר של המפגשים\n- מה הייתם משאירים ומה הייתם משנים',
            },
            en: {
              title: 'Personal mentoring of students: a pilot',
              summary: 'Run a ten-week pilot of personal mentoring with a small group of students, using the school’s draft model.',
              bodyMd:
                '## The pilot\n\nChoose four to six students and meet each of them once a fortnight for ten weeks.\n\n> Protect students’ privacy: no full names, no identifying details.',
              reflectionPrompt: 'What did the pilot teach you about the time and trust personal mentoring needs?',
              submissionInstructions: '- The pilot plan\n- A short log of the sessions\n- What you would keep and what you would change',
            },
            ar: {
              title: 'الإرشاد الشخصي للطلاب: تجربة أولى',
              summary: 'نفّذوا تجربة أولى لمدة عشرة أسابيع من الإرشاد الشخصي لمجموعة صغيرة من الطلاب، وفق مسودة نموذج المدرسة.',
              bodyMd:
                '## التجربة\n\nاختاروا من أربعة إلى ستة طلاب، والتقوا بكل واحد منهم مرة كل أسبوعين على مدى عشرة أسابيع.\n\n> حافظوا على خصوصية الطلاب: من دون أسماء كاملة ومن دون تفاصيل تكشف هويتهم.',
              reflectionPrompt: 'ماذا علّمتك التجربة عن الوقت والثقة اللذين يحتاجهما الإرشاد الشخصي؟',
              submissionInstructions: '- خطة التجربة\n- سجلّ قصير للقاءات\n- ما الذي تُبقونه وما الذي تغيّرونه',
            },
          },
        },
        {
          key: 'reading',
          kind: 'online',
          method: 'self',
          opens: 340,
          due: 420,
          hours: '3',
          required: false,
          texts: {
            he: {
              title: 'קריאה: חינוך אישי במחקר ובמעשה',
              summary: 'מקראה קצרה על חינוך אישי, עם שאלות למעגל החונכות.',
              bodyMd:
                '## המקראה\n\n- למה כל ילד וילדה צריכים לפחות מבוגר אחד שמכיר אותם\n- תוכניות למידה אישיות: דוגמאות מבתי ספר בישראל\n- מה אומר המחקר על הקשר בין תלמידים למורים',
            },
            en: {
              title: 'Reading: personal education in research and practice',
              summary: 'A short reader on personal education, with questions for the mentoring circle.',
              bodyMd:
                '## Reader\n\n- Why every child needs at least one adult who knows them\n- Personal learning plans: examples from Israeli schools\n- What the research says about student–teacher relationships',
            },
            ar: {
              title: 'قراءة: التربية الشخصية في البحث والممارسة',
              summary: 'مجموعة قراءات قصيرة عن التربية الشخصية، مع أسئلة لحلقة الإرشاد.',
              bodyMd:
                '## القراءات\n\n- لماذا يحتاج كل طفل وطفلة إلى شخص بالغ واحد على الأقل يعرفهم\n- خطط تعلّم شخصية: أمثلة من مدارس في إسرائيل\n- ماذا يقول البحث عن العلاقة بين الطلاب والمعلمين',
            },
          },
        },
      ],
    },
    {
      texts: {
        he: { title: 'יישום חינוך מקושר', description: 'המורים מובילים את השינוי בבתי הספר שלהם ומשתפים את מה שלמדו בעיר וברשת.' },
        en: {
          title: 'Implementing connected education',
          description: 'Teachers lead the change in their schools and share what they learn across the city and the network.',
        },
        ar: { title: 'تطبيق التربية المترابطة', description: 'يقود المعلمون التغيير في مدارسهم ويشاركون ما تعلّموه في المدينة وفي الشبكة.' },
      },
      modules: [
        {
          key: 'leading',
          kind: 'practicum',
          method: 'approval',
          opens: 540,
          due: 650,
          hours: '10',
          needs: ['pilot'],
          texts: {
            he: {
              title: 'להוביל שינוי בבית הספר שלי',
              summary: 'הובילו יחד עם עמיתים שינוי אחד מתוך המודל של בית הספר, ותעדו מה קרה.',
              bodyMd: '## הדרך\n\nבחרו שינוי אחד שאפשר להתחיל בו השנה, צרפו אליו שניים או שלושה עמיתים, וקבעו איך תדעו שהוא עובד.',
              reflectionPrompt: 'במה הייתה הובלת עמיתים שונה מהוראת תלמידים?',
              submissionInstructions: 'תיאור מקרה של שניים עד שלושה עמודים: השינוי, מי לקחו בו חלק, מה עבד, מה לא, ומה הלאה.',
            },
            en: {
              title: 'Leading change in my school',
              summary: 'Lead one change from your school’s model with colleagues and document what happened.',
              bodyMd: '## The way\n\nChoose one change you can start this year, bring two or three colleagues into it, and decide how you will know it works.',
              reflectionPrompt: 'How did leading colleagues differ from teaching students?',
              submissionInstructions: 'A case study of two to three pages: the change, who took part, what worked, what did not, and what comes next.',
            },
            ar: {
              title: 'قيادة التغيير في مدرستي',
              summary: 'قودوا مع زملائكم تغييرًا واحدًا من نموذج المدرسة، ووثّقوا ما حدث.',
              bodyMd: '## الطريق\n\nاختاروا تغييرًا واحدًا يمكن البدء به هذا العام، وأشركوا فيه زميلين أو ثلاثة، وحدّدوا كيف ستعرفون أنه ينجح.',
              reflectionPrompt: 'كيف اختلفت قيادة الزملاء عن تدريس الطلاب؟',
              submissionInstructions: 'دراسة حالة من صفحتين إلى ثلاث صفحات: التغيير، ومن شارك فيه، وما الذي نجح وما الذي لم ينجح، وما الخطوة التالية.',
            },
          },
        },
        {
          key: 'portfolio',
          kind: 'workshop',
          method: 'attendance',
          opens: 640,
          due: 700,
          hours: '4',
          texts: {
            he: {
              title: 'הצגת התלקיט בפני המחזור',
              summary: 'כל מורה מציג/ה מתוך התלקיט את המסע של השנתיים בפני המחזור, החונכים ומחלקת החינוך.',
              bodyMd: '## הכנה\n\nבחרו שלוש רשומות מהתלקיט שמראות איך העבודה שלכם השתנתה, ושאלה אחת שאתם עדיין נושאים איתכם.',
            },
            en: {
              title: 'Portfolio presentation to the cohort',
              summary: 'Each teacher presents the journey of the two years from their portfolio to the cohort, mentors and the department.',
              bodyMd: '## Preparing\n\nChoose three portfolio entries that show how your practice changed, and one question you are still carrying.',
            },
            ar: {
              title: 'عرض ملف الإنجاز أمام الفوج',
              summary: 'يعرض كل معلم/ة من ملف الإنجاز مسيرة السنتين أمام الفوج والمرشدين وقسم التعليم.',
              bodyMd: '## التحضير\n\nاختاروا ثلاثة مدخلات من ملف الإنجاز تُظهر كيف تغيّرت ممارستكم، وسؤالًا واحدًا ما زلتم تحملونه معكم.',
            },
          },
        },
        {
          key: 'closing',
          kind: 'workshop',
          method: 'attendance',
          opens: 690,
          due: 720,
          hours: '5',
          texts: {
            he: {
              title: 'כנס הסיום העירוני',
              summary: 'כנס הסיום של העיר: הבוגרות והבוגרים משתפים את עבודתם עם מנהלי בתי הספר, עם ההורים ועם הרשת.',
              bodyMd: 'הכנס סוגר את המאיץ ופותח את הדרך למחזור הבא: הבוגרים הופכים לחונכים ולשותפים.',
            },
            en: {
              title: 'Closing conference of the city',
              summary: 'The city’s closing conference: graduates share their work with principals, parents and the network.',
              bodyMd: 'The conference closes the accelerator and opens the next cohort’s path: graduates become mentors and partners.',
            },
            ar: {
              title: 'مؤتمر الختام البلدي',
              summary: 'مؤتمر ختام المدينة: يشارك الخريجات والخريجون عملهم مع مديري المدارس والأهالي والشبكة.',
              bodyMd: 'يختتم المؤتمر المسرّع ويفتح الطريق أمام الفوج التالي: يصبح الخريجون مرشدين وشركاء.',
            },
          },
        },
      ],
    },
  ],
};

/**
 * Bat Yam's own programme before it joined the network's accelerator (SPEC §1: eight years of
 * personal education), which its first cohort ran. Its completion rules then asked for workshops
 * and approved work only: no mentoring sessions or portfolio reflections were counted yet.
 * Written in Hebrew and translated into English only: Arabic readers see the Hebrew original.
 */
export const BAT_YAM_FIRST_PROGRAMME: DemoProgramme = {
  texts: {
    he: {
      title: 'תוכנית החינוך האישי של בת ים',
      description: 'התוכנית העירונית שבה הכשירה בת ים את מורי היסודי וחטיבות הביניים בגישה ההומניסטית של החינוך האישי, לפני שהצטרפה למאיץ של הרשת.',
    },
    en: {
      title: 'Bat Yam’s programme for personal education',
      description:
        'The city’s own programme, in which Bat Yam trained its primary and middle-school teachers in the humanistic approach of personal education before it joined the network’s accelerator.',
    },
  },
  rules: { minSessionsAttended: 0, minReflections: 0, minWorkshopAttendancePct: 75, contactIntervalDays: 30 },
  phases: [
    {
      texts: {
        he: { title: 'יסודות החינוך האישי', description: 'מה זה חינוך אישי, ואיך הוא נראה בכיתה של כל אחד ואחת מאיתנו.' },
        en: { title: 'Foundations of personal education', description: 'What personal education is, and how it looks in each of our classrooms.' },
      },
      modules: [
        {
          key: 'cityOpening',
          kind: 'workshop',
          method: 'attendance',
          opens: 0,
          due: 10,
          hours: '4',
          texts: {
            he: {
              title: 'מפגש פתיחה עירוני',
              summary: 'כל מורי התוכנית נפגשים עם ראש העיר ועם מחלקת החינוך: למה בת ים בוחרת בחינוך אישי.',
              bodyMd: 'מפגש של בוקר שלם: הרצאת פתיחה, שיחה עם מנהלי בתי הספר והיכרות עם החונכים.',
            },
            en: {
              title: 'City opening meeting',
              summary: 'All the programme’s teachers meet the mayor and the education department: why Bat Yam chooses personal education.',
              bodyMd: 'A whole morning: an opening talk, a conversation with the school principals and a first meeting with the mentors.',
            },
          },
        },
        {
          key: 'everyStudent',
          kind: 'practicum',
          method: 'approval',
          opens: 20,
          due: 120,
          hours: '8',
          texts: {
            he: {
              title: 'שיחה אישית עם כל תלמיד ותלמידה',
              summary: 'במשך מחצית אחת, שיחה אישית אחת לפחות עם כל אחד מתלמידי הכיתה.',
              bodyMd: '## איך מתחילים\n\nקבעו רבע שעה בשבוע, בחרו מקום שקט ושאלו שאלה פתוחה אחת: „מה חשוב לך השבוע?”',
              submissionInstructions: 'סיכום של עמוד אחד: כמה שיחות קיימתם, מה למדתם על הכיתה ושינוי אחד שעשיתם בעקבות השיחות.',
            },
            en: {
              title: 'A personal conversation with every student',
              summary: 'Over one term, at least one personal conversation with each student of the class.',
              bodyMd:
                '## How to begin\n\nSet aside a quarter of an hour a week, choose a quiet place and ask one open question: “What matters to you this week?”',
              submissionInstructions:
                'A one-page summary: how many conversations you held, what you learned about the class and one change you made because of them.',
            },
          },
        },
        {
          key: 'educatorReading',
          kind: 'online',
          method: 'self',
          opens: 30,
          due: 150,
          hours: '3',
          texts: {
            he: {
              title: 'קריאה מודרכת: המורה כמחנך',
              summary: 'שלושה מאמרים קצרים על תפקיד המורה כמחנך, עם שאלות לדיון בצוות.',
              bodyMd: 'קראו את המאמרים בסדר שבו הם מופיעים, וסמנו בכל אחד משפט אחד שתרצו להביא לדיון בצוות.',
            },
            en: {
              title: 'Guided reading: the teacher as an educator',
              summary: 'Three short articles on the teacher’s role as an educator, with questions for the staff team.',
              bodyMd: 'Read the articles in the order given, and mark in each one sentence you would like to bring to the staff team’s discussion.',
            },
          },
        },
      ],
    },
    {
      texts: {
        he: { title: 'חינוך אישי בכיתה', description: 'מהשיחה האישית לתוכנית אישית: כל תלמיד ותלמידה עם מטרה משלהם.' },
        en: {
          title: 'Personal education in the classroom',
          description: 'From the personal conversation to a personal plan: every student with a goal of their own.',
        },
      },
      modules: [
        {
          key: 'personalPlan',
          kind: 'practicum',
          method: 'approval',
          opens: 160,
          due: 320,
          hours: '10',
          needs: ['everyStudent'],
          texts: {
            he: {
              title: 'תוכנית אישית לתלמיד',
              summary: 'בנו יחד עם שלושה תלמידים תוכנית אישית למחצית: מטרה, דרך ודרך לראות התקדמות.',
              bodyMd: 'תוכנית אישית טובה נכתבת עם התלמיד, לא עבורו. התחילו ממה שהוא כבר עושה היטב.',
              submissionInstructions: 'את שלוש התוכניות (בלי שמות מלאים) ותיאור קצר של שיחת הסיכום עם כל תלמיד.',
            },
            en: {
              title: 'A personal plan for a student',
              summary: 'Build a plan for the term with three students: a goal, a way, and a way to see progress.',
              bodyMd: 'A good personal plan is written with the student, not for them. Start from what they already do well.',
              submissionInstructions: 'The three plans (no full names) and a short account of the closing conversation with each student.',
            },
          },
        },
        {
          key: 'staffWorkshop',
          kind: 'workshop',
          method: 'attendance',
          opens: 330,
          due: 380,
          hours: '4',
          texts: {
            he: {
              title: 'סדנת צוות: בית הספר כקהילה',
              summary: 'צוותי בתי הספר לומדים יחד איך חדר המורים יכול לתמוך בחינוך האישי.',
              bodyMd: 'הסדנה מתקיימת בכל בית ספר בנפרד, בהנחיית החונכים של התוכנית.',
            },
            en: {
              title: 'Staff workshop: the school as a community',
              summary: 'School staff teams learn together how the staff room can support personal education.',
              bodyMd: 'The workshop takes place in each school separately, led by the programme’s mentors.',
            },
          },
        },
        {
          key: 'summary',
          kind: 'workshop',
          method: 'attendance',
          opens: 650,
          due: 700,
          hours: '5',
          texts: {
            he: {
              title: 'כנס סיכום התוכנית',
              summary: 'המורים מציגים את מה שלמדו בשנתיים, וההחלטה להצטרף למאיץ של הרשת מוצגת לכולם.',
              bodyMd: 'כל מורה מביא/ה סיפור אחד של תלמיד או תלמידה שהשתנה בזכות הקשר האישי.',
            },
            en: {
              title: 'The programme’s closing conference',
              summary: 'Teachers present what they learned over two years, and the decision to join the network’s accelerator is shared with everyone.',
              bodyMd: 'Each teacher brings one story of a student who changed thanks to the personal relationship.',
            },
          },
        },
      ],
    },
  ],
};

/**
 * What Bat Yam changed in its copy of the network template ("glocal"): the opening workshop takes
 * place in the city's own culture hall. Its translations then fall out of date until someone
 * updates them, as the editor shows.
 */
export const BAT_YAM_OPENING_BODY =
  '## מה קורה ביום הזה\n\n- דברי פתיחה של מנהלת מחלקת החינוך\n- הסיפור של תוכנית החינוך האישי בבת ים\n- מפגש ראשון עם מעגל החונכות שלך\n\n## איפה\n\nבהיכל התרבות של בת ים, משמונה וחצי בבוקר.\n\n## מה להביא\n\nתמונה או חפץ מהכיתה שלך שמספרים משהו על הדרך שבה את/ה מלמד/ת.';
