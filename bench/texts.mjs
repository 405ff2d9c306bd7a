// Chat lines written for the benchmark corpus (bench/corpus.mjs). Ordinary chat in five
// languages, money between friends, gaming, flirting — and offenders' threats and demands in
// several spellings. `{name}`, `{n}`, `{amount}`, `{game}`, `{day}`, `{app}` are filled in
// deterministically so repeated lines still differ.

export const FILL = {
  name: ['Sam', 'Alex', 'Mia', 'Noah', 'Lena', 'Lucas', 'Chloé', 'João', 'Sofía', 'Jonas', 'Aisha', 'Mateo'],
  n: ['2', '3', '5', '7', '10', '12', '15', '20', '30', '45'],
  amount: ['$10', '$25', '5€', '20 euros', '£15', '50 reais', '$100', '$300', '$500', '1000 dollars'],
  game: ['Fortnite', 'Minecraft', 'Roblox', 'Valorant', 'FIFA', 'Apex', 'League', 'Among Us'],
  day: ['monday', 'tuesday', 'friday', 'saturday', 'tomorrow', 'tonight', 'next week'],
  app: ['snapchat', 'telegram', 'whatsapp', 'insta', 'discord', 'kik', 'wickr'],
};

export const BENIGN = {
  en: [
    'hey what are you up to', 'lol same', 'did you finish the maths homework?', 'omg that test was brutal',
    'can you send me the notes from {day}', 'I am so tired today', 'see you at practice at {n}',
    'my mum says I can come over after dinner', 'are we still on for {day}?', 'haha no way 😂',
    'what time does the bus leave', 'she said what??', 'I can’t stop listening to that song',
    'happy birthday {name}!!! 🎉🎂', 'do you want pizza or tacos', 'the wifi here is terrible',
    'ok I’ll call you later', 'brb dinner', 'I left my charger at yours', 'good luck on the exam tomorrow',
    'that movie was so good, the ending though', 'can you believe it’s already december',
    'I got the job!!', 'text me when you get home', 'my dog ate my earbuds again 🙄', 'who is coming on {day}',
    'send me a pic of the menu', 'did you see the photos from the trip', 'the teacher moved the deadline to {day}',
    'idk, maybe', 'lmao I’m dead', 'wanna study together at the library', 'my phone is on 2%',
    'we should go to the beach this summer', 'what did you get for question {n}', 'thanks for today ❤️',
  ],
  es: [
    'hola, ¿qué tal?', '¿vienes a la fiesta el {day}?', 'jajaja no puedo más', 'mañana tengo examen de historia',
    '¿me pasas los apuntes?', 'te llamo luego', 'qué pereza ir al gimnasio', 'feliz cumpleaños {name} 🎉',
    '¿a qué hora quedamos?', 'estoy en el autobús, llego en {n} minutos', 'mi madre dice que sí puedo ir',
    'qué buena la peli de anoche', 'no tengo batería', '¿has visto el partido?', 'buenas noches, descansa',
    'me encanta esa canción', 'vamos a la playa este verano',
  ],
  fr: [
    'salut, ça va ?', 't’es où ?', 'on se voit {day} ?', 'mdr trop drôle', 'j’ai un contrôle de maths demain',
    'tu peux m’envoyer les devoirs ?', 'je suis crevé', 'bon anniversaire {name} !! 🎂', 'on mange où ce soir',
    'je t’appelle plus tard', 'le bus est encore en retard', 'grave, je suis d’accord', 'bonne nuit à demain',
    'tu as vu le match hier ?', 'ma mère veut pas que je sorte', 'trop hâte d’être en vacances',
  ],
  de: [
    'hey, wie geht’s?', 'kommst du {day} mit ins Kino?', 'haha voll lustig', 'ich hab morgen Mathe',
    'kannst du mir die Hausaufgaben schicken?', 'bin gleich da, noch {n} Minuten', 'alles Gute zum Geburtstag {name} 🎉',
    'ich ruf dich später an', 'mein Akku ist gleich leer', 'hast du das Spiel gesehen?', 'gute Nacht, bis morgen',
    'der Zug hat wieder Verspätung', 'lass uns am Wochenende schwimmen gehen', 'ich hab keine Lust auf Schule',
  ],
  pt: [
    'oi, tudo bem?', 'vamos sair {day}?', 'kkkkk muito bom', 'amanhã tenho prova de português',
    'me manda a lição de casa?', 'tô chegando, {n} minutos', 'feliz aniversário {name}!! 🎂', 'te ligo mais tarde',
    'minha mãe deixou eu ir', 'viu o jogo ontem?', 'boa noite, até amanhã', 'que preguiça de estudar',
    'bora pra praia no fim de semana', 'meu celular tá sem bateria',
  ],
  money: [
    'can you lend me {amount} till {day}?', 'I’ll pay you back {day}, promise', 'sent you {amount} on paypal',
    'how much do I owe you for the tickets', 'split the bill? it’s {amount} each', 'venmo me {amount} for the pizza',
    'me prestas {amount}? te lo devuelvo el {day}', 'je te rembourse {amount} demain', 'kannst du mir {amount} leihen?',
    'te pago os {amount} amanhã', 'the concert tickets are {amount}, you in?', 'I need to save money for a new phone',
  ],
  gaming: [
    'get on {game}', 'bro my account got hacked lol, had to reset the password', 'you carried that game',
    'want to duo in {game} tonight', 'I just hit level {n}', 'that boss fight took me {n} tries',
    'he hacked in that match, reported', 'gg ez', 'the new {game} update is mid', 'can you send me your friend code',
    'I’m buying the battle pass, it’s {amount}', 'no way you got the skin', 'we lost {n} games in a row 💀',
  ],
  flirting: [
    'you looked really cute today', 'I can’t stop thinking about you 😊', 'wanna go on a date {day}?',
    'you have the best smile', 'miss you already', 'good morning beautiful ☀️', 'te extraño mucho', 'tu me manques',
    'ich vermisse dich', 'saudade de você', 'send me a selfie, I want to see your outfit', 'your voice is so nice',
  ],
};

// Offenders' lines (and one target's reply), in several languages and spellings.
export const SEXTORTION = [
  'send me $500 in gift cards or I will send your nudes to all your followers',
  'I have screenshots of all your followers and your family',
  'pay me {amount} now or I will ruin your life, you have {n} minutes',
  'if you dont pay I will post your pics everywhere',
  'i hav ur n00dz, pay or evry1 sees them',
  's3nd m0n3y or I s3nd the vid to ur fam',
  'I will send this video to your parents and your school',
  'you have {n} minutes to pay or I post it',
  'I recorded our video call, pay {amount} or I share it',
  'do what I say or your friends will see everything',
  'send more pics or I leak the ones I have',
  'lets move to {app}, add me there',
  'send me a pic without your shirt, its our secret',
  'dont tell anyone about us ok',
  'how old are you? you look mature for your age',
  'I hacked your phone and I have your contacts',
  'envíame {amount} o mando tus fotos a toda tu familia',
  'tengo capturas de todos tus seguidores',
  'si no pagas publico tus fotos',
  'envoie-moi {amount} ou j’envoie ta vidéo à tous tes contacts',
  'j’ai des captures de tous tes amis, paie maintenant',
  'schick mir {amount} oder ich schicke deine Nacktbilder an deine Familie',
  'ich habe Screenshots von all deinen Freunden',
  'me manda {amount} ou eu mando suas fotos pra sua família',
  'tenho prints de todos os seus seguidores, paga agora',
  'P.A.Y  N.O.W or I  s e n d  it',
  'ѕend me money or i post your nudes', // Cyrillic ѕ
  'ur nudes r going viral unless u pay {amount} in btc',
  'please dont, i dont have money. i want to die',
];
